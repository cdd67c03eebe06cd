//! End-to-end tests of the `petrel` binary's input and output contract: one output line per
//! input document, errors as records naming the input and offset, order kept, exit status.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn petrel() -> Command {
    Command::new(env!("CARGO_BIN_EXE_petrel"))
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("petrel-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .expect("output is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

#[test]
fn sample_runs() {
    let out = petrel()
        .args(["code", "--sample", "--quiet"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = lines(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["id"], "sample-osh");
    assert_eq!(recs[0]["date"], "2010-04-15");
    assert!(recs[0]["sentences"].as_u64().unwrap() >= 10);
    assert!(recs[0]["events"].is_array());
}

#[test]
fn every_document_yields_one_record_in_order() {
    let jsonl = tmp("mixed.jsonl");
    std::fs::write(
        &jsonl,
        "{\"id\":\"a\",\"date\":\"2011-02-01\",\"text\":\"Troops left the capital.\"}\n\
         {not json}\n\
         \n\
         {\"id\":\"c\",\"text\":\"   \"}\n\
         {\"id\":\"d\",\"text\":\"Police detained \\u00e9lite guards.\"}\n",
    )
    .unwrap();
    let binary = tmp("photo.txt");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\x00\x00\x00").unwrap();
    let text = tmp("note.txt");
    std::fs::write(&text, "Rebels shelled the town. Nobody was hurt.").unwrap();
    let out = petrel()
        .arg("code")
        .arg(&jsonl)
        .arg(&binary)
        .arg("/no/such/file.txt")
        .arg(&text)
        .args(["--date", "2011-03-04", "--quiet"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let recs = lines(&out);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 7, "{ids:?}");
    assert_eq!(ids[0], "a");
    assert_eq!(recs[0]["date"], "2011-02-01");
    assert!(
        recs[1]["error"].as_str().unwrap().contains("line 2"),
        "{}",
        recs[1]
    );
    assert!(recs[1]["error"].as_str().unwrap().contains("invalid JSON"));
    assert_eq!(ids[2], "c");
    assert!(recs[2]["error"].as_str().unwrap().contains("empty"));
    assert_eq!(ids[3], "d");
    assert!(recs[3]["error"].is_null());
    assert!(
        recs[4]["error"].as_str().unwrap().contains("binary"),
        "{}",
        recs[4]
    );
    assert!(
        recs[4]["error"].as_str().unwrap().contains("byte 8"),
        "{}",
        recs[4]
    );
    assert!(recs[5]["error"]
        .as_str()
        .unwrap()
        .contains("/no/such/file.txt"));
    assert_eq!(ids[6], "note");
    assert_eq!(recs[6]["date"], "2011-03-04");
    assert_eq!(recs[6]["sentences"], 2);
}

#[test]
fn order_is_kept_across_parallel_batches() {
    let path = tmp("many.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    for i in 0..600 {
        let extra = "More troops arrived. ".repeat(i % 7);
        writeln!(
            f,
            "{{\"id\":\"doc{i}\",\"text\":\"{extra}Talks went on.\"}}"
        )
        .unwrap();
    }
    drop(f);
    let out = petrel()
        .arg("code")
        .arg(&path)
        .args(["--batch", "64", "--threads", "2", "--quiet"])
        .output()
        .unwrap();
    let recs = lines(&out);
    assert_eq!(recs.len(), 600);
    for (i, r) in recs.iter().enumerate() {
        assert_eq!(r["id"], format!("doc{i}"));
        assert_eq!(r["sentences"], (i % 7) as u64 + 1);
    }
}

#[test]
fn huge_line_becomes_an_error_record_without_exhausting_memory() {
    let path = tmp("huge.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    f.write_all(b"{\"id\":\"big\",\"text\":\"").unwrap();
    let chunk = "word ".repeat(1000);
    for _ in 0..(50 * 1024 * 1024 / chunk.len()) {
        f.write_all(chunk.as_bytes()).unwrap();
    }
    f.write_all(b"\"}\n{\"id\":\"small\",\"text\":\"Calm returned.\"}\n")
        .unwrap();
    drop(f);
    let out = petrel()
        .arg("code")
        .arg(&path)
        .arg("--quiet")
        .output()
        .unwrap();
    assert!(out.status.success());
    let recs = lines(&out);
    assert_eq!(recs.len(), 2);
    assert!(recs[0]["error"]
        .as_str()
        .unwrap()
        .contains("exceeds the limit"));
    assert_eq!(recs[1]["id"], "small");
    std::fs::remove_file(&path).unwrap();
}

/// Runs `cmd` with `input` on its standard input.
/// Runs `cmd`, asserts it succeeded (showing its stderr if not) and returns its stdout.
fn stdout_ok(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn with_stdin(cmd: &mut Command, input: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn stdin_jsonl_and_exit_status() {
    let out = with_stdin(
        petrel().args(["code", "--quiet"]),
        b"{\"id\":\"s1\",\"text\":\"The minister resigned.\"}\n",
    );
    assert!(out.status.success());
    assert_eq!(lines(&out)[0]["id"], "s1");

    // Nothing readable: the error record is still written, and the exit status says so.
    let out = petrel()
        .args(["code", "/no/such/input.jsonl", "--quiet"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(lines(&out).len(), 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing could be read"));
}

#[test]
fn dash_reads_standard_input_beside_files() {
    let path = tmp("dash-neighbour.jsonl");
    std::fs::write(&path, b"{\"id\":\"f1\",\"text\":\"The mayor resigned.\"}\n").unwrap();
    let out = with_stdin(
        petrel()
            .args(["code", "--quiet", "--threads", "1"])
            .arg(&path)
            .arg("-"),
        b"{\"id\":\"s2\",\"text\":\"Rebels shelled the town.\"}\n",
    );
    assert!(out.status.success());
    let ids: Vec<String> = lines(&out)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["f1", "s2"]);
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn invalid_utf8_is_repaired_with_a_warning() {
    let path = tmp("latin1.txt");
    std::fs::write(&path, b"Caf\xe9 owners protested in Osh.").unwrap();
    let out = petrel()
        .arg("code")
        .arg(&path)
        .arg("--quiet")
        .output()
        .unwrap();
    let recs = lines(&out);
    assert!(recs[0]["warnings"][0]
        .as_str()
        .unwrap()
        .contains("offset 3"));
}

#[test]
fn eval_tokenize_reports_f1_on_a_small_treebank() {
    let path = tmp("tiny.conllu");
    std::fs::write(
        &path,
        "# newdoc id = t\n# text = Guards fired.\n1\tGuards\tguard\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n\
         2\tfired\tfire\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n\
         # text = Calm.\n1\tCalm\tcalm\tADJ\tJJ\t_\t0\troot\t_\tSpaceAfter=No\n2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n",
    )
    .unwrap();
    let out = petrel()
        .args(["eval", "tokenize", "--json", "--treebank"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["tokens"]["f1"], 1.0);
    assert_eq!(v["sentences"]["gold"], 2);
    assert_eq!(v["sentences"]["f1"], 1.0);
}

/// `--errors` lists where the models disagree with the treebank: here a gold file that calls
/// "Guards" a verb, which the tagger reads as the noun it is.
#[test]
fn eval_parse_errors_lists_tag_confusions() {
    let path = tmp("confused.conllu");
    std::fs::write(
        &path,
        "# text = Guards fired shots.
1\tGuards\tguard\tVERB\tVBZ\t_\t2\tnsubj\t_\t_\n\
         2\tfired\tfire\tVERB\tVBD\t_\t0\troot\t_\t_\n3\tshots\tshot\tNOUN\tNNS\t_\t2\tobj\t_\tSpaceAfter=No\n\
         4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n",
    )
    .unwrap();
    let mut cmd = petrel();
    cmd.args([
        "eval",
        "parse",
        "--gold-only",
        "--errors",
        "5",
        "--treebank",
    ])
    .arg(&path);
    let text = stdout_ok(&mut cmd);
    let confusion = text
        .lines()
        .find(|l| l.contains("VERB -> NOUN"))
        .unwrap_or_else(|| panic!("{text}"));
    assert_eq!(confusion.split_whitespace().nth(3), Some("1"), "{text}");
    assert!(text.contains("wrong heads:"), "{text}");
    assert!(!text.contains("not a tree"), "{text}");
}

#[test]
fn store_export_query_and_stats() {
    let db = tmp("events.sqlite");
    let _ = std::fs::remove_file(&db);
    let input = tmp("store.jsonl");
    std::fs::write(
        &input,
        "{\"id\":\"s1\",\"date\":\"2012-05-02\",\"text\":\"Police arrested 12 protesters in Osh.\"}\n\
         {\"id\":\"s2\",\"date\":\"2012-05-03\",\"text\":\"Russia pledged aid to Kyrgyzstan.\"}\n",
    )
    .unwrap();
    for _ in 0..2 {
        // The second run must not duplicate anything.
        let out = petrel()
            .arg("code")
            .arg(&input)
            .arg("--db")
            .arg(&db)
            .arg("--quiet")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = petrel()
        .args(["export", "--format", "jsonl", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let recs = lines(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["id"], "s1");
    let events: usize = recs
        .iter()
        .map(|r| r["events"].as_array().unwrap().len())
        .sum();
    assert!(events >= 2, "{recs:?}");

    let out = petrel()
        .args(["export", "--format", "csv", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut rows = csv.lines();
    assert!(rows
        .next()
        .unwrap()
        .starts_with("GLOBALEVENTID,SQLDATE,Actor1Code"));
    assert_eq!(rows.count(), events);

    let out = petrel()
        .args(["query", "--code", "17", "--format", "jsonl", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let hits = lines(&out);
    assert!(!hits.is_empty());
    assert!(hits
        .iter()
        .all(|h| h["cameo"].as_str().unwrap().starts_with("17")));
    assert!(hits.iter().any(|h| h["article"] == "s1"));

    let out = petrel()
        .args(["stats", "--json", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["articles"], 2);
    assert_eq!(stats["events"].as_u64().unwrap() as usize, events);
}

#[test]
fn phoenix_format_has_a_header_and_one_line_per_event() {
    let out = petrel()
        .args(["code", "--sample", "--quiet", "--format", "phoenix"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("EventID\tDate"));
    let rows: Vec<&str> = lines.collect();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.split('\t').count() == 26));
    // Event dates resolve against the sample's article date (April 2010).
    assert!(rows.iter().all(|r| r
        .split('\t')
        .nth(1)
        .is_some_and(|d| d.starts_with("201004"))));
}

/// `eval plover` scores the main event of each gold record and, with `--source-role-errors`
/// and `--target-role-errors`, lists the records whose actor lacks the gold role. The gold
/// file is written here: one record coded right, one whose gold roles petrel cannot give.
#[test]
fn eval_plover_lists_role_errors() {
    let path = tmp("plover-gold.json");
    let rec = |id: &str, text: &str, src: &str, tgt: &str| {
        // own-3's gold target is another country than the text names.
        let country = if id == "own-3" { "DNK" } else { "SWE" };
        serde_json::json!({
            "id": id, "event": "ASSAULT", "text": text,
            "source": [{"actorText": "x", "code": "NOR", "sector": src}],
            "target": [{"actorText": "y", "code": country, "sector": tgt}],
        })
    };
    let gold = serde_json::json!([
        rec(
            "own-1",
            "Norwegian soldiers shot Swedish villagers.",
            "MIL",
            "CVL"
        ),
        rec(
            "own-2",
            "Norwegian soldiers shot Swedish villagers.",
            "JUD",
            "BUS"
        ),
        rec(
            "own-3",
            "Norwegian soldiers shot Swedish villagers.",
            "MIL",
            "CVL"
        ),
    ]);
    std::fs::write(&path, gold.to_string()).unwrap();
    let mut cmd = petrel();
    cmd.args([
        "eval",
        "plover",
        "--source-role-errors",
        "5",
        "--target-role-errors",
        "5",
        "--target-errors",
        "5",
        "--gold",
    ])
    .arg(&path);
    let text = stdout_ok(&mut cmd);
    assert!(text.contains("type accuracy   100.0 % (3/3)"), "{text}");
    assert!(text.contains("role 66.7 % of 3"), "{text}");
    let listed: Vec<&str> = text.lines().filter(|l| l.starts_with("own-")).collect();
    assert_eq!(listed.len(), 3, "{text}");
    // Roles missed on own-2, the target's country on own-3.
    assert_eq!(
        listed.iter().filter(|l| l.starts_with("own-2")).count(),
        2,
        "{text}"
    );
    assert!(
        listed
            .iter()
            .any(|l| l.starts_with("own-3") && l.contains("gold target")),
        "{text}"
    );
    assert!(listed.iter().any(|l| l.contains("gold source")), "{text}");
    assert!(listed.iter().any(|l| l.contains("gold target")), "{text}");
}
