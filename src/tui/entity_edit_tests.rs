use super::*;
use crate::tui::action::Action;
use crate::tui::testing::{Harness, screen};

const W: u16 = 120;
const H: u16 = 40;

fn on_entity(title: &str, name: &str) -> Harness {
    Harness::on_entity(W, H, title, name)
}

fn type_edit(app: &mut Harness, line: &str) {
    app.update(Action::EditEntity);
    for c in line.chars() {
        app.update(Action::Insert(c));
    }
}

fn page_name(app: &App) -> Option<String> {
    match app.views.last() {
        Some(View::Page(p)) => p.page.as_ref().map(|page| page.name.clone()),
        _ => None,
    }
}

#[test]
fn a_rename_on_the_page_is_kept_and_the_page_is_read_again_under_the_new_name() {
    let mut app = on_entity("Deep-Water Berth at Mombasa", "Halvorsen Maritime");
    app.update(Action::EntityPage);
    type_edit(&mut app, "rename Halvorsen Shipping Group");
    let s = screen(&app);
    assert!(
        s.contains("edit Halvorsen Maritime: rename Halvorsen Shipping Group"),
        "the edit line says what it edits: {s}"
    );
    // What is typed goes into the line, not to the page under it.
    assert_eq!(page_name(&app).as_deref(), Some("Halvorsen Maritime"));
    app.update(Action::SubmitSearch);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(page_name(&app).as_deref(), Some("Halvorsen Shipping Group"));
    let s = screen(&app);
    assert!(s.contains("Halvorsen Shipping Group (org"), "{s}");
    assert!(s.contains("6 articles"), "the same entity: {s}");
    assert!(s.contains("byline entity forget 1 undoes it"), "{s}");
    let edits = app.store.entity_edits().unwrap();
    assert_eq!(
        edits,
        vec![(
            1,
            Edit::Rename {
                name: "Halvorsen Maritime".into(),
                to: "Halvorsen Shipping Group".into()
            }
        )]
    );
    // Back leaves the page as usual.
    app.update(Action::Back);
    assert!(app.views.is_empty());
}

#[test]
fn a_kind_set_from_the_sidebar_shows_on_the_entity_page() {
    let mut app = on_entity("Deep-Water Berth at Mombasa", "Ingrid Halvorsen");
    app.update(Action::EntityPage);
    assert!(screen(&app).contains("Ingrid Halvorsen (person"));
    app.update(Action::Back);
    type_edit(&mut app, "kind org");
    app.update(Action::SubmitSearch);
    app.update(Action::EntityPage);
    let s = screen(&app);
    assert!(s.contains("Ingrid Halvorsen (org"), "{s}");
}

#[test]
fn a_wrong_edit_says_why_and_changes_nothing_and_esc_keeps_the_page() {
    let mut app = on_entity("Deep-Water Berth at Mombasa", "Halvorsen Maritime");
    app.update(Action::EntityPage);
    type_edit(&mut app, "frobnicate");
    app.update(Action::SubmitSearch);
    assert!(app.status.starts_with("not an edit"), "{}", app.status);
    type_edit(&mut app, "merge Nobody Anywhere");
    app.update(Action::SubmitSearch);
    assert!(
        app.status
            .contains("no entity across the store is called \"Nobody Anywhere\""),
        "{}",
        app.status
    );
    type_edit(&mut app, "rename Ingrid Halvorsen");
    app.update(Action::SubmitSearch);
    assert!(app.status.contains("merge them instead"), "{}", app.status);
    type_edit(&mut app, "hide");
    app.update(Action::CancelSearch);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(
        page_name(&app).as_deref(),
        Some("Halvorsen Maritime"),
        "still open"
    );
    assert!(app.store.entity_edits().unwrap().is_empty());
}

#[test]
fn edit_lines_parse_into_edits() {
    let (edit, said, now) = parse_edit("Lib Dems", "merge Liberal Democrats").unwrap();
    assert_eq!(
        edit,
        Edit::Merge {
            name: "Lib Dems".into(),
            into: "Liberal Democrats".into()
        }
    );
    assert_eq!(said, "Lib Dems and Liberal Democrats are one entity");
    assert_eq!(now, "Liberal Democrats");
    let (edit, ..) = parse_edit("Norfolk", "  KIND place ").unwrap();
    assert_eq!(
        edit,
        Edit::Kind {
            name: "Norfolk".into(),
            kind: "LOC".into()
        }
    );
    assert_eq!(
        parse_edit("NOTE", "hide").unwrap().0,
        Edit::Hide {
            name: "NOTE".into()
        }
    );
    assert!(
        parse_edit("A", "rename")
            .unwrap_err()
            .contains("the new name")
    );
    assert!(
        parse_edit("A", "kind planet")
            .unwrap_err()
            .contains("person, org")
    );
    assert!(parse_edit("A", "").unwrap_err().starts_with("not an edit"));
}
