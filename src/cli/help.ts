/** The help text: every command, flag and exit code, in one place. */
export const HELP = `Usage:
  postguard scan [options] [paths...]      find credentials in files, folders and globs (default: .)
  postguard baseline [options] [paths...]  record today's findings so later scans report only new ones
  postguard fix [options] [paths...]       replace reported secrets with placeholders such as
                                           <AWS_ACCESS_KEY_ID> (default: .)
  postguard init [folder] [--force]        write a commented starter .postguard.yaml for the site
                                           generator found in folder (default: .)
  postguard report --state FILE --output report.html [--lang zh|en]
                                           the audit state as one self-contained HTML
                                           report (charts, what to do, every secret masked)
  postguard rules list [--format text|json]
  postguard rules check [--rules-dir DIR | --config FILE]
  postguard audit [sources] [options]      find credentials in published posts: sitemaps,
                                           feeds, URL lists, WordPress, dev.to, GitHub, WARC
  postguard audit [sources] --queue redis://HOST:PORT
                                           enqueue the audit for workers instead of running it
  postguard worker --queue redis://HOST:PORT --store postgres://USER:PASS@HOST/DB
                                           fetch and scan queued pages (any number of
                                           machines); stops cleanly on SIGTERM
  postguard status --queue redis://HOST:PORT [--store postgres://…]
                                           jobs waiting/active/done/failed, pages/s, findings

Scan options:
  -f, --format FORMAT        text, json, jsonl, sarif, github, markdown or html (default:
                             text); github: workflow annotations; markdown: a summary
                             table for a pull-request comment or a job summary; html is
                             one self-contained page, secrets always masked, in the
                             locale's language (LANG=zh_CN.UTF-8: Chinese)
  -o, --output FILE          write the report to FILE instead of stdout
      --stdin-filename NAME  name of the input read from \`-\`; its extension picks the
                             parser (.md, .mdx, .html, anything else is plain text)
      --fail-on SEVERITY     exit 1 only for a reported finding at or above SEVERITY:
                             low, medium, high or critical (default: any reported finding)
      --min-confidence LEVEL report findings at or above LEVEL: low, medium or high
                             (default: medium)
      --max-file-size SIZE   skip bigger files, with a notice on stderr
                             (default: 10MB; e.g. 5MB, 512KB, 1048576; 1KB = 1024 bytes)
      --rule ID              run only this rule; repeat for more (ids: postguard rules list)
      --concurrency N        files in flight (default: 8; 16 per thread when scanning on
                             several threads; 1 keeps everything on one thread)
  -c, --config FILE          use FILE as the configuration (default: the nearest
                             .postguard.yaml, .postguard.yml, postguard.config.js or
                             postguard.config.mjs at or above the scanned folder)
      --no-config            use no configuration file
      --baseline FILE        report only findings not recorded in FILE (see \`baseline\`)
      --staged               scan what is staged for the next commit (the git index),
                             not the working tree; paths, if given, narrow it down
      --since REF            scan files changed since the git commit REF (committed or
                             not) and untracked files; paths, if given, narrow it down
      --diff-only            with --staged or --since: report findings on added lines only
      --no-inline-ignore     report what inline markers (<!-- postguard-ignore-next-line -->,
                             gitleaks:allow...) hide, with a note naming the marker
  -q, --quiet                no summary line; problems with files are still printed
      --show-secrets         print secrets in clear (default: masked everywhere)
      --no-color             no colour (colour is used only on a terminal; NO_COLOR=1
                             turns it off, FORCE_COLOR=1 turns it on)
  -v, --version              print the version
  -h, --help                 print this help

Baseline options (and -c/--config, --no-config, --min-confidence, --max-file-size, --rule,
--concurrency, -q/--quiet as for scan):
  -o, --output FILE          where to write the baseline (default: .postguard-baseline.json)

Fix options (and -c/--config, --no-config, --baseline, --min-confidence, --max-file-size,
--rule, -q/--quiet, --show-secrets as for scan):
  -n, --dry-run              print the change as a unified diff (secrets masked) and write
                             nothing

Report options:
      --state FILE           the audit state to read (SQLite, as written by audit --state)
      --store postgres://…   or the distributed audit's PostgreSQL database (workers' --store)
  -o, --output FILE          where to write the HTML (\`-\`: stdout)
      --lang LANG            zh or en (default: from LC_ALL, LC_MESSAGES or LANG)
  -q, --quiet                no summary line on stderr

Audit options (sources combine and repeat; findings stream to stdout as they are found):
      --urls FILE            URLs, one per line (\`-\`: stdin; # comments and blank lines skipped)
      --sitemap URL          a sitemap or sitemap index (.xml or .xml.gz)
      --feed URL             an RSS 2.0, RSS 1.0 or Atom feed (CSDN, cnblogs user feeds)
      --wordpress SITE       posts through the WordPress REST API (rendered content)
      --devto USER           a dev.to (Forem) user's articles (their markdown)
      --github-org ORG       markdown/MDX/HTML of every repository's default branch (not forks)
      --github-repo OWNER/REPO  the same for one repository (GITHUB_TOKEN raises rate limits)
      --warc FILE...         WARC/WET files (.warc or .warc.gz, gzip per record), offline
      --since DATE           only posts dated DATE or later (sitemap lastmod, feed and API dates)
      --domain DOMAIN        only URLs on DOMAIN or its subdomains; repeat for more
      --state FILE           the audit's SQLite state (default: postguard-audit.db); the next
                             audit with the same FILE re-fetches only what changed
      --resume               continue the interrupted audit in --state (no sources needed)
      --rescan               ignore what earlier audits knew (ETag, Last-Modified, hashes)
      --jsonl FILE           also write findings as JSON Lines (\`-\`: to stdout instead of text)
      --sarif FILE           write the audit's findings as SARIF 2.1.0 when it ends
      --report FILE          write the HTML report of the state when it ends (as
                             \`postguard report\` does; language from the locale)
      --concurrency N        requests at once, all hosts together (default: 16)
      --per-host N           requests at once to one host (default: 2)
      --delay SECONDS        least time between two requests to one host (default: 0.5;
                             robots.txt Crawl-delay raises it, up to 60)
      --timeout SECONDS      time limit for one request (default: 30)
      --retries N            tries after the first on 429, 5xx, timeouts (default: 3)
      --retry-delay SECONDS  first backoff; doubles each time, with jitter (default: 1)
      --max-retry-after SECONDS  a longer Retry-After fails the page (default: 120)
      --max-redirects N      (default: 5; loops are detected)
      --max-page-size SIZE   skip bigger pages (default: 10MB)
      --contact URL          appended to the user agent: postguard/VERSION (+URL)
      --workers N            scanning threads (default: one per CPU; 0: main thread)
      --devto-api URL        Forem API base (default: https://dev.to/api)
      --github-api URL       GitHub API base (default: https://api.github.com)
  Also --fail-on, --min-confidence, --rule, -q/--quiet, --show-secrets and --no-color as
  for scan. robots.txt is always honoured. Exit 2 when a page or source failed, 130 when
  interrupted (Ctrl-C; --resume continues).

Distributed audit (BullMQ on Redis, results in PostgreSQL; see docs/distributed.md):
  audit --queue redis://HOST:PORT  enqueue instead of running: one job per page (its id
                             from the URL, so enqueuing again adds nothing); sitemaps, feeds
                             and API listings are expanded by the workers as jobs. The
                             politeness and scanning options above become the sweep's, for
                             every worker; --state, --resume, --jsonl, --sarif, --report and
                             --workers belong to a local audit and are refused
      --queue-name NAME      the queue (default: postguard-audit; one sweep per queue)
  worker options:
      --store postgres://…   the shared PostgreSQL database (created and migrated on start)
      --concurrency N        jobs at once in this worker (default: 16)
      --threads N            scanning threads (default: one less than the cores; 0: main)
      --stall-timeout SECONDS  a killed worker's jobs go to others after this (default: 30)
      --grace SECONDS        after SIGTERM, in-flight jobs may finish for this long; the rest
                             go back to the queue (default: 30)
      --until-empty          exit once nothing is waiting, delayed or active (batch jobs)
      --status-interval SECONDS  progress line on stderr (default: 10)
      --name NAME            this worker's name in logs and on its jobs (default: host-pid)
  status options: --store postgres://… adds pages by outcome, pages/s and findings;
      --format text|json; --queue-name as above

Init options:
      --force                overwrite an existing .postguard.yaml

Rules options:
      --format FORMAT        \`rules list\`: text or json (default: text)
      --rules-dir DIR        \`rules check\`: check the rule files in DIR (default: built-in)
  -c, --config FILE          \`rules check\`: check the custom rules of this configuration,
                             each on its own examples

Paths:
  Folders are scanned recursively, skipping .git, node_modules, what .gitignore files
  ignore (the repository's and nested ones) and images, fonts, media and archives.
  Quote globs so the shell leaves them alone: 'content/**/*.md'. \`-\` reads stdin.
  Binary files and files over --max-file-size are skipped with a notice.

Exit codes:
  0  no reported finding at or above --fail-on
  1  a reported finding at or above --fail-on (\`rules check\`: problems found;
     \`fix --dry-run\`: something would be replaced)
  2  usage error, broken rules, or a file that could not be read or scanned; also a
     problem in the configuration (then nothing is scanned), a git error, an unreadable
     baseline, or a file \`fix\` could not rewrite
`;
