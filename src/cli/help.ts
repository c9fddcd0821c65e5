/** The help text: every command, flag and exit code, in one place. */
export const HELP = `Usage:
  postguard scan [options] [paths...]      find credentials in files, folders and globs (default: .)
  postguard baseline [options] [paths...]  record today's findings so later scans report only new ones
  postguard fix [options] [paths...]       replace reported secrets with placeholders such as
                                           <AWS_ACCESS_KEY_ID> (default: .)
  postguard init [folder] [--force]        write a commented starter .postguard.yaml for the site
                                           generator found in folder (default: .)
  postguard rules list [--format text|json]
  postguard rules check [--rules-dir DIR | --config FILE]

Scan options:
  -f, --format FORMAT        text, json, jsonl or sarif (default: text)
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
      --concurrency N        files read at once (default: 8)
  -c, --config FILE          use FILE as the configuration (default: the nearest
                             .postguard.yaml, .postguard.yml, postguard.config.js or
                             postguard.config.mjs at or above the scanned folder)
      --no-config            use no configuration file
      --baseline FILE        report only findings not recorded in FILE (see \`baseline\`)
      --staged               scan what is staged for the next commit (the git index),
                             not the working tree; paths limit which staged files
      --since REF            scan files changed since the git commit REF, and untracked
                             files; paths limit which
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
