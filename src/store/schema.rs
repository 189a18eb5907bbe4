//! The store's schema as numbered migrations, applied in order inside one transaction.

use rusqlite::{Connection, Transaction, TransactionBehavior};

/// One step from schema version `n - 1` to `n`, where `n` is its index plus one.
const MIGRATIONS: &[&str] = &[
    // 1: articles and their full-text index.
    r"
    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        authors TEXT NOT NULL DEFAULT '',
        dateline TEXT NOT NULL DEFAULT '',
        published TEXT,
        published_raw TEXT,
        source TEXT,
        url TEXT,
        tags TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL,
        layout TEXT NOT NULL,
        added INTEGER NOT NULL,
        sort_key TEXT NOT NULL
    );
    CREATE INDEX articles_by_time ON articles(sort_key DESC, rowid DESC);
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, source, authors,
        content='articles', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2', prefix='3 4 5'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, body, source, authors)
        VALUES (new.rowid, new.title, new.body, new.source, new.authors);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body, source, authors)
        VALUES ('delete', old.rowid, old.title, old.body, old.source, old.authors);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body, source, authors ON articles
    BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body, source, authors)
        VALUES ('delete', old.rowid, old.title, old.body, old.source, old.authors);
        INSERT INTO articles_fts(rowid, title, body, source, authors)
        VALUES (new.rowid, new.title, new.body, new.source, new.authors);
    END;
    INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 2.0, 4.0)');
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    ",
    // 2: reading state and user tags.
    r"
    ALTER TABLE articles ADD COLUMN is_read INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE articles ADD COLUMN is_starred INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX articles_unread ON articles(is_read, sort_key DESC, rowid DESC);
    CREATE TABLE user_tags (
        article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (article, tag)
    ) WITHOUT ROWID;
    CREATE INDEX user_tags_by_tag ON user_tags(tag);
    ",
    // 3: the entity index.
    r"
    ALTER TABLE articles ADD COLUMN indexed INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX articles_by_indexed ON articles(indexed);
    CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        UNIQUE (kind, name)
    );
    CREATE INDEX entities_by_name ON entities(name COLLATE NOCASE);
    CREATE TABLE article_entities (
        entity INTEGER NOT NULL REFERENCES entities(id),
        article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (entity, article)
    ) WITHOUT ROWID;
    CREATE INDEX article_entities_by_article ON article_entities(article);
    ",
    // 4: the full-text index is written by the store's writer itself: a row trigger runs inside
    // a statement savepoint, and FTS5 flushes its pending terms at every savepoint, so the
    // trigger wrote one tiny segment per article and spent most of an import merging them. A
    // larger pending-terms hash (32 MiB) cuts merges further. Bulk writers (import, refresh) may
    // leave new rows in `fts_pending` to be indexed in one statement later (`index_text`);
    // until then the delete and update triggers must not touch the index for them. Feeds and
    // their fetch state join here.
    r"
    DROP TRIGGER articles_fts_insert;
    INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', 33554432);
    CREATE TABLE fts_pending (article INTEGER PRIMARY KEY);
    DROP TRIGGER articles_fts_delete;
    DROP TRIGGER articles_fts_update;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body, source, authors)
        SELECT 'delete', old.rowid, old.title, old.body, old.source, old.authors
        WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE article = old.rowid);
        DELETE FROM fts_pending WHERE article = old.rowid;
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body, source, authors ON articles
    WHEN NOT EXISTS (SELECT 1 FROM fts_pending WHERE article = old.rowid)
    BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body, source, authors)
        VALUES ('delete', old.rowid, old.title, old.body, old.source, old.authors);
        INSERT INTO articles_fts(rowid, title, body, source, authors)
        VALUES (new.rowid, new.title, new.body, new.source, new.authors);
    END;
    CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT,
        tags TEXT NOT NULL DEFAULT '',
        etag TEXT,
        last_modified TEXT,
        checked INTEGER,
        error TEXT,
        added INTEGER NOT NULL
    );
    ALTER TABLE articles ADD COLUMN feed INTEGER REFERENCES feeds(id) ON DELETE SET NULL;
    CREATE INDEX articles_by_feed ON articles(feed, is_read);
    ",
    // 5: whole articles from their pages. A feed may fetch its items' pages; an article whose
    // body became its page's text keeps the summary it had (`summary`, `summary_layout`), and
    // every article whose page was fetched keeps when and the last error.
    r"
    ALTER TABLE feeds ADD COLUMN full_text INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE pages (
        article INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
        summary TEXT,
        summary_layout TEXT,
        fetched INTEGER NOT NULL,
        error TEXT
    );
    ",
    // 6: the daily reader. One story reached through several feeds of a site (RSS, Atom and
    // JSON Feed of one site) is stored once: `articles.feed` is the first feed it came from,
    // `article_feeds` the others. Links and titles are indexed to find such duplicates. Saved
    // searches.
    r"
    CREATE TABLE article_feeds (
        feed INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        PRIMARY KEY (feed, article)
    ) WITHOUT ROWID;
    CREATE INDEX article_feeds_by_article ON article_feeds(article);
    CREATE INDEX articles_by_url ON articles(url) WHERE url IS NOT NULL;
    CREATE INDEX articles_by_title ON articles(title);
    CREATE INDEX articles_starred ON articles(sort_key DESC, rowid DESC) WHERE is_starred = 1;
    CREATE TABLE saved_searches (
        name TEXT PRIMARY KEY,
        query TEXT NOT NULL,
        added INTEGER NOT NULL
    ) WITHOUT ROWID;
    ",
    // 7: sync with feed servers (Fever first). A server's items map to articles with the read
    // and saved state the server last reported (`is_read`, `is_saved`), so a later sync tells
    // what changed on the server from what changed here; `sync_queue` holds local read/star
    // changes to server items not yet pushed. `since_id` is the highest item id stored, moved in
    // the same transaction as each page of items, so a first sync cut short resumes there.
    r"
    CREATE TABLE sync_servers (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        url TEXT NOT NULL,
        user TEXT NOT NULL,
        key_file TEXT NOT NULL,
        since_id INTEGER NOT NULL DEFAULT 0,
        total INTEGER,
        synced INTEGER,
        error TEXT,
        added INTEGER NOT NULL,
        UNIQUE (kind, url, user)
    );
    CREATE TABLE sync_items (
        server INTEGER NOT NULL REFERENCES sync_servers(id) ON DELETE CASCADE,
        remote INTEGER NOT NULL,
        article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        is_read INTEGER NOT NULL,
        is_saved INTEGER NOT NULL,
        PRIMARY KEY (server, remote)
    ) WITHOUT ROWID;
    CREATE INDEX sync_items_by_article ON sync_items(article);
    CREATE TABLE sync_queue (
        article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        field TEXT NOT NULL,
        value INTEGER NOT NULL,
        PRIMARY KEY (article, field)
    ) WITHOUT ROWID;
    ",
    // 8: the pending-terms hash back to 8 MiB. At 32 MiB (4) it was the largest part of a
    // refresh's memory (42 MB of 85 MB refreshing 20 feeds of 1,000 items one at a time);
    // at 8 MiB that refresh peaks at 61 MB instead of 95 (2 at a time), indexing 93,000
    // articles takes about 10% more CPU, and the index comes out 6% smaller (issue 17).
    r"
    INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', 8388608);
    ",
    // 9: canonical entities across the store (issue 14), derived from the entity index by
    // `Store::resolve_entities`: each entity row's canonical entity, and the canonical ones
    // with their exact counts, in all and per day (`entity_days`: a period's ranking sums a
    // few days' rows instead of reading every article of the period). The vocabulary of the full-text index tells how many articles
    // hold a word, which keeps table words (NOTE, UP) out of rankings. The user's edits
    // (merge, split, rename, kind, hide; JSON) are kept apart: re-indexing does not touch them.
    r"
    CREATE TABLE canon_entities (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        shown INTEGER NOT NULL,
        articles INTEGER NOT NULL,
        mentions INTEGER NOT NULL
    );
    CREATE INDEX canon_entities_by_articles ON canon_entities(articles DESC);
    CREATE INDEX canon_entities_by_name ON canon_entities(name COLLATE NOCASE);
    CREATE TABLE entity_canon (entity INTEGER PRIMARY KEY, canon INTEGER NOT NULL);
    CREATE INDEX entity_canon_by_canon ON entity_canon(canon);
    CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, 'row');
    CREATE TABLE entity_days (
        day TEXT NOT NULL,
        canon INTEGER NOT NULL,
        articles INTEGER NOT NULL,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (day, canon)
    ) WITHOUT ROWID;
    CREATE TABLE entity_edits (
        seq INTEGER PRIMARY KEY,
        edit TEXT NOT NULL
    );
    ",
    // 10: the entities the user watches (issue 14), by the name they were given: canonical
    // ids change at each resolution, a name finds its entity again (`Store::find_entity`).
    r"
    CREATE TABLE watched_entities (
        name TEXT PRIMARY KEY COLLATE NOCASE,
        added INTEGER NOT NULL
    );
    ",
    // 11: what an entity page says of its articles, counted at resolution like its days
    // (issue 14): its sources, and its days by entity. Reading them off its articles took
    // 65-125 ms for the United States (16,000 of 93,000 articles). `articles_meta` gives an
    // article's time, date and source by rowid without reading its row (bodies inline): the
    // resolution reads every article's, the page its newest articles' times. An edit's number
    // is never given again once forgotten (`byline entity forget 2` then a new edit made a
    // second edit 2). The canonical entities are resolved anew (the reader does it once its
    // indexing is done, as `byline index` does): the days counted before gave undated articles
    // the day they were stored, and no sources were counted.
    r"
    CREATE INDEX articles_meta ON articles(rowid, sort_key, published, source);
    CREATE INDEX entity_days_by_canon ON entity_days(canon, day);
    CREATE TABLE entity_sources (
        canon INTEGER NOT NULL,
        source TEXT NOT NULL,
        articles INTEGER NOT NULL,
        PRIMARY KEY (canon, source)
    ) WITHOUT ROWID;
    CREATE TABLE entity_edits_numbered (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        edit TEXT NOT NULL
    );
    INSERT INTO entity_edits_numbered(seq, edit) SELECT seq, edit FROM entity_edits;
    DROP TABLE entity_edits;
    ALTER TABLE entity_edits_numbered RENAME TO entity_edits;
    DELETE FROM canon_entities;
    DELETE FROM entity_canon;
    DELETE FROM entity_days;
    ",
    // 12: the full-text index without prefix indexes (issue 17). prefix='3 4 5' made it 422 MB
    // of a 934 MB store at 310,000 articles (2.4 times the JSON imported); without them it is
    // 153 MB and the store 1.5 times, and a prefix query is spelled out from the vocabulary
    // (`store::topk`) as fast as the prefix index answered it. detail=column would save 70 MB
    // more but cannot search phrases. The new index is empty: every article waits for it in
    // `fts_pending`, searches answer meanwhile (from nothing) and say how many wait, and the
    // worker's catch-up or `byline index` fills it, so opening the store does not wait the
    // minute that rebuilding 310,000 articles takes.
    r"
    DROP TABLE articles_vocab;
    DROP TRIGGER articles_fts_delete;
    DROP TRIGGER articles_fts_update;
    DROP TABLE articles_fts;
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, source, authors,
        content='articles', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2'
    );
    INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 2.0, 4.0)');
    INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', 8388608);
    CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, 'row');
    INSERT OR IGNORE INTO fts_pending (article) SELECT rowid FROM articles;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body, source, authors)
        SELECT 'delete', old.rowid, old.title, old.body, old.source, old.authors
        WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE article = old.rowid);
        DELETE FROM fts_pending WHERE article = old.rowid;
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body, source, authors ON articles
    WHEN NOT EXISTS (SELECT 1 FROM fts_pending WHERE article = old.rowid)
    BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body, source, authors)
        VALUES ('delete', old.rowid, old.title, old.body, old.source, old.authors);
        INSERT INTO articles_fts(rowid, title, body, source, authors)
        VALUES (new.rowid, new.title, new.body, new.source, new.authors);
    END;
    ",
];

/// The schema version this build writes.
pub const LATEST: u32 = MIGRATIONS.len() as u32;

/// The schema version recorded in the database (0 for a new one).
pub fn version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Brings the schema from its current version up to `target`, all steps in one transaction.
pub fn migrate(conn: &mut Connection, target: u32) -> rusqlite::Result<()> {
    // Immediate: take the write lock before reading the version, so two processes opening a
    // new store at once wait for each other instead of both migrating.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let from = version(&tx)?;
    for (i, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .take(target as usize)
        .skip(from as usize)
    {
        apply(&tx, sql, i as u32 + 1)?;
    }
    tx.commit()
}

fn apply(tx: &Transaction<'_>, sql: &str, to: u32) -> rusqlite::Result<()> {
    tx.execute_batch(sql)?;
    tx.pragma_update(None, "user_version", to)
}
