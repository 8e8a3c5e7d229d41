//! The `tebiki` command as users run it: exit codes, messages with places,
//! never a panic, and files that pass `check`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn tebiki(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tebiki"))
        .args(args)
        .current_dir(dir)
        .env("TEBIKI_LANG", "en")
        .output()
        .expect("the binary runs")
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A library folder with copies of the shipped playbooks.
fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("playbooks")).unwrap();
    for entry in std::fs::read_dir(repo().join("playbooks")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join("playbooks").join(path.file_name().unwrap())).unwrap();
    }
    dir
}

fn assert_no_panic(output: &Output) {
    let all = text(output);
    assert!(!all.contains("panicked") && !all.contains("RUST_BACKTRACE"), "{all}");
}

#[test]
fn check_of_the_library_is_clean() {
    let out = tebiki(&["check"], &repo());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("checked 10 files: 0 errors, 0 warnings"));
}

#[test]
fn check_prints_every_problem_with_its_place_and_a_caret() {
    let out = tebiki(&["check", "tests/fixtures/invalid/references.md", "tests/fixtures/invalid/ids.md"], &repo());
    assert_eq!(out.status.code(), Some(1));
    let all = text(&out);
    assert!(
        all.contains("tests/fixtures/invalid/references.md:44:24: error[unknown-approver]: the approver `cfo`"),
        "{all}"
    );
    assert!(all.contains("44 | approver: [legal-head, cfo]"), "{all}");
    assert!(all.contains("tests/fixtures/invalid/ids.md:74:12: error[invalid-id]"), "{all}");
    assert!(all.contains("checked 2 files: 15 errors, 4 warnings"), "{all}");
    assert_no_panic(&out);
}

#[test]
fn check_speaks_japanese_when_asked() {
    let out = tebiki(&["check", "--lang", "ja", "tests/fixtures/invalid/references.md"], &repo());
    assert!(text(&out).contains("承認者 `cfo` はフロントマターの approvers にありません"));
    assert!(text(&out).contains("1 個のファイルを確認しました：エラー 8 件、警告 4 件"));
}

#[test]
fn check_as_json_is_one_document_tools_can_read() {
    let out = tebiki(&["check", "--format", "json", "tests/fixtures/invalid/content.md"], &repo());
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(json["summary"]["errors"], 3);
    assert_eq!(json["summary"]["files"], 1);
    assert_eq!(json["files"][0]["diagnostics"][1]["code"], "unsafe-url");
    assert_eq!(json["files"][0]["diagnostics"][1]["line"], 34);
}

#[test]
fn an_unreadable_path_is_named_and_exits_2() {
    let out = tebiki(&["check", "no/such/folder"], &repo());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("cannot read no/such/folder"), "{}", text(&out));
    assert_no_panic(&out);
}

#[test]
fn usage_errors_exit_2() {
    let out = tebiki(&["build"], &repo());
    assert_eq!(out.status.code(), Some(2));
    let out = tebiki(&["check", "--format", "xml"], &repo());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn build_writes_every_page_the_manifest_and_the_sitemap() {
    let lib = library();
    let out = tebiki(&["build", "--out", "site", "--base-url", "https://intra.example/tebiki/"], lib.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let site = lib.path().join("site");
    for file in [
        "index.html",
        "404.html",
        "settings/index.html",
        "dashboard/index.html",
        "status/index.html",
        "sitemap.xml",
        "playbooks/manifest.json",
        "playbooks/hr-inquiry-desk.md",
        "p/hr-inquiry-desk/index.html",
        "p/company-work-inventory/index.html",
        "en/index.html",
        "en/settings/index.html",
        "en/dashboard/index.html",
        "en/status/index.html",
        "en/p/hr-inquiry-desk/index.html",
        "en/p/company-work-inventory/index.html",
    ] {
        assert!(site.join(file).is_file(), "{file}");
    }
    assert!(!site.join("en/404.html").exists(), "one 404 page, in both languages");
    assert!(!site.join("playbooks/_template.md").exists(), "templates are not published");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("playbooks/manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["format"], 1);
    assert_eq!(manifest["playbooks"].as_array().unwrap().len(), 9);
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://intra.example/tebiki/p/hr-inquiry-desk/</loc>"));
    let page = std::fs::read_to_string(site.join("p/hr-inquiry-desk/index.html")).unwrap();
    assert!(page.contains("<title>人事問い合わせの窓口一本化と AI による回答案 | tebiki（手引き）</title>"));
    assert!(page.contains(r#"<meta name="tebiki-base" content="/tebiki/">"#));
    assert!(page.contains(r#"href="/tebiki/""#));
    assert!(
        page.contains(
            r#"<link rel="alternate" hreflang="en" href="https://intra.example/tebiki/en/p/hr-inquiry-desk/">"#
        )
    );
    let english = std::fs::read_to_string(site.join("en/p/hr-inquiry-desk/index.html")).unwrap();
    assert!(english.contains(r#"<html lang="en">"#), "{english}");
    assert!(english.contains("Start a run"), "the page's own words are English");
    assert!(english.contains(r#"<a class="brand" href="/tebiki/en/">"#));
    assert!(sitemap.contains("<loc>https://intra.example/tebiki/en/p/hr-inquiry-desk/</loc>"));
}

#[test]
fn the_service_worker_lists_every_file_of_the_build_and_every_page_registers_it() {
    let lib = library();
    let site = lib.path().join("site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(site.join("app-1a2b_bg.wasm"), b"trunk's build").unwrap();
    let out = tebiki(&["build", "--merge", "--out", "site", "--base-url", "/tebiki/sub/"], lib.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let mut expected = Vec::new();
    let mut folders = vec![(site.clone(), String::new())];
    while let Some((folder, prefix)) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let entry = entry.unwrap();
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if entry.file_type().unwrap().is_dir() {
                folders.push((entry.path(), format!("{name}/")));
            } else if name != "sw.js" {
                expected.push(name.strip_suffix("index.html").unwrap_or(&name).to_owned());
            }
        }
    }
    expected.sort();
    let worker = std::fs::read_to_string(site.join("sw.js")).unwrap();
    let files = worker.split_once("const FILES = ").unwrap().1.split_once(";\n").unwrap().0;
    let files: Vec<String> = serde_json::from_str(files).unwrap();
    assert_eq!(files, expected);
    assert!(files.contains(&"app-1a2b_bg.wasm".to_owned()), "trunk's files are listed");
    assert!(files.contains(&"".to_owned()) && files.contains(&"en/p/hr-inquiry-desk/".to_owned()));
    assert!(worker.contains(r#"const BASE = "/tebiki/sub/";"#), "{worker}");

    let register = files.iter().find(|f| f.starts_with("offline-") && f.ends_with(".js")).expect("the registration");
    for page in ["index.html", "p/hr-inquiry-desk/index.html", "en/index.html", "404.html"] {
        let html = std::fs::read_to_string(site.join(page)).unwrap();
        let script =
            html.split_once(r#"<script type="module" src="/tebiki/sub/site-"#).unwrap().1.split_once('"').unwrap().0;
        let script = std::fs::read_to_string(site.join(format!("site-{script}"))).unwrap();
        assert!(script.contains("sw.js"), "the site script registers the worker ({page})");
        assert!(html.contains("worker-src 'self'"), "{page}");
        assert!(html.contains(r#"<div id="tebiki-update" class="update-banner" role="status""#), "{page}");
    }
    for page in ["settings/index.html", "edit/index.html", "en/dashboard/index.html", "status/index.html"] {
        let html = std::fs::read_to_string(site.join(page)).unwrap();
        assert!(html.contains(&format!(r#"<script type="module" src="/tebiki/sub/{register}"></script>"#)), "{page}");
        assert!(html.contains("worker-src 'self'") && html.contains("data-action="), "{page}");
    }
    let english = std::fs::read_to_string(site.join("en/settings/index.html")).unwrap();
    assert!(english.contains(r#"data-action="Reload""#), "the prompt speaks the page's language");
    let japanese = std::fs::read_to_string(site.join("settings/index.html")).unwrap();
    assert!(japanese.contains(r#"data-text="新しい版があります" data-action="再読み込み""#));

    // A build that changes one playbook is a new version; one that changes nothing is not.
    let version = |worker: &str| worker.split_once("const VERSION = ").unwrap().1.split_once(';').unwrap().0.to_owned();
    let first = version(&worker);
    let out = tebiki(&["build", "--merge", "--out", "site", "--base-url", "/tebiki/sub/"], lib.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(version(&std::fs::read_to_string(site.join("sw.js")).unwrap()), first);
    let source = lib.path().join("playbooks/hr-inquiry-desk.md");
    let changed = std::fs::read_to_string(&source).unwrap().replacen("## ", "## 改訂：", 1);
    std::fs::write(&source, changed).unwrap();
    let out = tebiki(&["build", "--merge", "--out", "site", "--base-url", "/tebiki/sub/"], lib.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_ne!(version(&std::fs::read_to_string(site.join("sw.js")).unwrap()), first);
}

#[test]
fn a_failed_build_leaves_the_output_folder_as_it_was() {
    let lib = library();
    let site = lib.path().join("site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(site.join("keep.txt"), "previous site").unwrap();
    std::fs::write(lib.path().join("playbooks/broken.md"), "---\nid: broken\n---\n").unwrap();
    let out = tebiki(&["build", "--out", "site"], lib.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("playbooks/broken.md:2:1: error[missing-key]"), "{}", text(&out));
    assert!(text(&out).contains("the site was not built; site is unchanged"));
    let left: Vec<_> = std::fs::read_dir(&site).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, ["keep.txt"]);
    let strays: Vec<_> = std::fs::read_dir(lib.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("building"))
        .collect();
    assert!(strays.is_empty(), "{strays:?}");
}

#[test]
fn build_merges_into_the_current_folder_given_as_a_dot() {
    let lib = library();
    let site = lib.path().join("site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(site.join("app.wasm"), b"trunk's build").unwrap();
    for out in [".", "./", "../site"] {
        let run = tebiki(&["build", "--merge", "--out", out, "--playbooks", "../playbooks"], &site);
        assert_eq!(run.status.code(), Some(0), "{out}: {}", text(&run));
        assert_eq!(std::fs::read(site.join("app.wasm")).unwrap(), b"trunk's build", "{out}");
        assert!(site.join("index.html").is_file() && site.join("status/index.html").is_file(), "{out}");
        let strays: Vec<_> = std::fs::read_dir(lib.path())
            .unwrap()
            .chain(std::fs::read_dir(&site).unwrap())
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".building-"))
            .collect();
        assert!(strays.is_empty(), "{out}: {strays:?}");
    }
}

#[test]
fn build_refuses_to_replace_the_folder_that_holds_the_playbooks() {
    let lib = library();
    for out in [".", "..", lib.path().to_str().unwrap()] {
        let dir = if out == ".." { lib.path().join("playbooks") } else { lib.path().to_owned() };
        let playbooks = if out == ".." { "." } else { "playbooks" };
        let run = tebiki(&["build", "--out", out, "--playbooks", playbooks], &dir);
        assert_eq!(run.status.code(), Some(2), "{out}: {}", text(&run));
        assert!(text(&run).contains("holds the playbooks"), "{}", text(&run));
        assert!(lib.path().join("playbooks/hr-inquiry-desk.md").is_file());
        assert!(!lib.path().join("index.html").exists());
    }
}

#[test]
fn a_new_playbook_passes_check_and_is_never_overwritten() {
    let lib = library();
    let args = ["new", "legal-contracts", "--department", "法務", "--title", "契約審査: 受付の整理"];
    let out = tebiki(&args, lib.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let check = tebiki(&["check"], lib.path());
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
    let again = tebiki(&args, lib.path());
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again).contains("already exists"));
    assert!(tebiki(&["new", "Bad Id", "--department", "x", "--title", "t"], lib.path()).status.code() == Some(2));
}

#[test]
fn a_clone_records_its_source_keeps_the_conditions_and_clears_baselines() {
    let lib = library();
    let out =
        tebiki(&["clone", "accounting-send-back-codes", "sales-send-back-codes", "--department", "営業"], lib.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let copy = std::fs::read_to_string(lib.path().join("playbooks/sales-send-back-codes.md")).unwrap();
    let source = std::fs::read_to_string(repo().join("playbooks/accounting-send-back-codes.md")).unwrap();
    let (copied, _) = tebiki::parse(&copy);
    let (original, _) = tebiki::parse(&source);
    let (copied, original) = (copied.unwrap(), original.unwrap());
    assert_eq!(copied.meta.id, "sales-send-back-codes");
    assert_eq!(copied.meta.department, "営業");
    assert_eq!(copied.meta.version, 1);
    assert_eq!(
        copied.meta.cloned_from.unwrap().to_string(),
        format!("accounting-send-back-codes@{}", original.meta.version)
    );
    assert_eq!(copied.conditions.scope, original.conditions.scope);
    assert_eq!(copied.conditions.exceptions, original.conditions.exceptions);
    assert_eq!(copied.conditions.approvers, original.conditions.approvers);
    // Every baseline the new department records in its inventory is its own to measure.
    assert!(copied.conditions.metrics.iter().all(|m| m.baseline.is_none()));
    let from_pilot: Vec<_> = copied.conditions.metrics.iter().filter(|m| m.from_pilot.is_some()).collect();
    assert!(!from_pilot.is_empty(), "metrics measured from the pilot stay so");
    assert_eq!(copied.conditions.metrics.len(), original.conditions.metrics.len());
    assert_eq!(copied.phases, original.phases, "the steps are the same");
    for key in ["scope", "exceptions", "approvers", "metrics"] {
        let marked = format!(
            "# 要確認 (review): {key} は accounting-send-back-codes@{} から引き継ぎました。",
            original.meta.version
        );
        assert!(
            copy.contains(&format!("{marked}この部門に合わせて見直してください。\n{key}:")),
            "{key} marked for review"
        );
    }
    let check = tebiki(&["check"], lib.path());
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
    let again =
        tebiki(&["clone", "accounting-send-back-codes", "sales-send-back-codes", "--department", "営業"], lib.path());
    assert_eq!(again.status.code(), Some(2));
    let missing = tebiki(&["clone", "no-such", "x", "--department", "営業"], lib.path());
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing).contains("no valid playbook with the id `no-such`"));
}

#[test]
fn the_catalog_starts_with_the_company_wide_playbooks_then_departments_in_order() {
    let lib = library();
    let out = tebiki(&["build", "--out", "site"], lib.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(lib.path().join("site/playbooks/manifest.json")).unwrap())
            .unwrap();
    let departments: Vec<&str> =
        manifest["playbooks"].as_array().unwrap().iter().map(|p| p["department"].as_str().unwrap()).collect();
    assert_eq!(departments, ["全社", "全社", "人事", "人事", "経理", "経理", "総務", "法務", "情報システム"]);
}
