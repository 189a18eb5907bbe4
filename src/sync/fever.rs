//! The Fever API as a [`Source`]: one POST per call carrying `api_key`, the commands in the
//! query string (`?api&items&since_id=N`), answers in JSON. Served by FreshRSS, Miniflux,
//! TT-RSS plugins and coldsweat. Answers are size-capped, requests time-limited.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use serde_json::Value;

use super::{ItemPage, RemoteFeed, RemoteItem, RemoteState, Source, SyncError, md5_hex};

/// The largest answer read (id lists of a large account fit many times over).
const MAX_ANSWER: u64 = 64 * 1024 * 1024;

/// A Fever endpoint and the key to it.
pub struct Fever {
    agent: ureq::Agent,
    endpoint: String,
    key: String,
    requests: usize,
}

/// The Fever API key for a user and password: md5("user:password").
///
/// ```
/// assert_eq!(byline::sync::fever::api_key("u", "p"), byline::sync::md5_hex(b"u:p"));
/// ```
pub fn api_key(user: &str, password: &str) -> String {
    md5_hex(format!("{user}:{password}").as_bytes())
}

impl Fever {
    /// A client for `endpoint` (such as `https://host/fever/`), giving up on any request after
    /// `timeout`.
    pub fn new(endpoint: &str, key: &str, timeout: Duration) -> Fever {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .max_redirects(5)
            .http_status_as_error(false)
            .user_agent(concat!("byline/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Fever {
            agent,
            endpoint: endpoint.trim().to_string(),
            key: key.trim().to_lowercase(),
            requests: 0,
        }
    }

    /// Signs in with one call that asks for nothing else.
    pub fn check(&mut self) -> Result<(), SyncError> {
        self.call("", &[]).map(drop)
    }

    /// Sends one call; the answer when the server accepted the key.
    fn call(&mut self, query: &str, form: &[(&str, &str)]) -> Result<Value, SyncError> {
        let sep = if self.endpoint.contains('?') {
            '&'
        } else {
            '?'
        };
        let url = format!("{}{sep}api&{query}", self.endpoint);
        let mut fields = vec![("api_key", self.key.as_str())];
        fields.extend_from_slice(form);
        self.requests += 1;
        let mut response = self
            .agent
            .post(&url)
            .send_form(fields)
            .map_err(|e| SyncError::Http(describe(&e)))?;
        let status = response.status().as_u16();
        if !(200..300).contains(&status) {
            return Err(SyncError::Http(format!("the server answered {status}")));
        }
        let bytes = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER)
            .read_to_vec()
            .map_err(|e| SyncError::Http(describe(&e)))?;
        let value: Value = serde_json::from_slice(&bytes)
            .map_err(|e| SyncError::BadAnswer(format!("not JSON ({e})")))?;
        if value.get("auth").and_then(Value::as_i64) != Some(1) {
            return Err(SyncError::Refused);
        }
        Ok(value)
    }
}

fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => "no answer in time".into(),
        ureq::Error::BodyExceedsLimit(_) => format!("answer larger than {MAX_ANSWER} bytes"),
        other => other.to_string(),
    }
}

impl Source for Fever {
    fn subscriptions(&mut self) -> Result<HashMap<i64, RemoteFeed>, SyncError> {
        let v = self.call("groups&feeds", &[])?;
        let groups: HashMap<i64, String> = array(&v, "groups")
            .filter_map(|g| Some((num(g, "id")?, text(g, "title"))))
            .collect();
        let mut feeds: HashMap<i64, RemoteFeed> = array(&v, "feeds")
            .filter_map(|f| {
                let title = Some(text(f, "title")).filter(|t| !t.is_empty());
                let feed = RemoteFeed {
                    title,
                    groups: Vec::new(),
                };
                Some((num(f, "id")?, feed))
            })
            .collect();
        for link in array(&v, "feeds_groups") {
            let Some(group) = num(link, "group_id") else {
                continue;
            };
            let Some(name) = groups.get(&group) else {
                continue;
            };
            for id in ids(&text(link, "feed_ids")) {
                if let Some(feed) = feeds.get_mut(&id) {
                    feed.groups.push(name.clone());
                }
            }
        }
        Ok(feeds)
    }

    fn items_since(&mut self, since_id: i64) -> Result<ItemPage, SyncError> {
        let v = self.call(&format!("items&since_id={since_id}"), &[])?;
        let items = array(&v, "items").filter_map(item).collect();
        let total = num(&v, "total_items");
        Ok(ItemPage { items, total })
    }

    fn state(&mut self) -> Result<RemoteState, SyncError> {
        let unread = self.call("unread_item_ids", &[])?;
        let saved = self.call("saved_item_ids", &[])?;
        Ok(RemoteState {
            unread: ids(&text(&unread, "unread_item_ids")),
            saved: ids(&text(&saved, "saved_item_ids")),
        })
    }

    fn push(&mut self, remote: i64, is_read_field: bool, value: bool) -> Result<(), SyncError> {
        let status = match (is_read_field, value) {
            (true, true) => "read",
            (true, false) => "unread",
            (false, true) => "saved",
            (false, false) => "unsaved",
        };
        let id = remote.to_string();
        self.call("mark", &[("mark", "item"), ("as", status), ("id", &id)])
            .map(drop)
    }

    fn requests(&self) -> usize {
        self.requests
    }
}

fn array<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    v.get(key).and_then(Value::as_array).into_iter().flatten()
}

/// A field as text, whether the server sent a string or a number.
fn text(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// Comma-separated ids; anything else in the list is skipped.
fn ids(list: &str) -> HashSet<i64> {
    list.split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

/// A number field, which some servers (FreshRSS) send as a string.
fn num(v: &Value, key: &str) -> Option<i64> {
    text(v, key).trim().parse().ok()
}

fn flag(v: &Value, key: &str) -> bool {
    num(v, key).unwrap_or(0) != 0 || v.get(key).and_then(Value::as_bool).unwrap_or(false)
}

fn item(v: &Value) -> Option<RemoteItem> {
    Some(RemoteItem {
        id: num(v, "id")?,
        feed_id: num(v, "feed_id").unwrap_or(0),
        title: text(v, "title"),
        author: text(v, "author"),
        html: text(v, "html"),
        url: text(v, "url"),
        created: num(v, "created_on_time"),
        is_read: flag(v, "is_read"),
        is_saved: flag(v, "is_saved"),
    })
}
