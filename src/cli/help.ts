/** The help text: every command, flag and exit code, in one place. */
export const HELP = `Usage:
  postguard scan [options] [paths...]   find credentials in files, folders and globs (default: .)
  postguard rules list [--format text|json]
  postguard rules check [--rules-dir DIR]

Scan options:
  -f, --format FORMAT        text, json or sarif (default: text)
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
  -q, --quiet                no summary line; problems with files are still printed
      --show-secrets         print secrets in clear (default: masked everywhere)
      --no-color             no colour (colour is used only on a terminal; NO_COLOR=1
                             turns it off, FORCE_COLOR=1 turns it on)
  -v, --version              print the version
  -h, --help                 print this help

Rules options:
      --format FORMAT        \`rules list\`: text or json (default: text)
      --rules-dir DIR        \`rules check\`: check the rule files in DIR (default: built-in)

Paths:
  Folders are scanned recursively, skipping .git, node_modules, what .gitignore files
  ignore (the repository's and nested ones) and images, fonts, media and archives.
  Quote globs so the shell leaves them alone: 'content/**/*.md'. \`-\` reads stdin.
  Binary files and files over --max-file-size are skipped with a notice.

Exit codes:
  0  no reported finding at or above --fail-on
  1  a reported finding at or above --fail-on (\`rules check\`: problems found)
  2  usage error, broken rules, or a file that could not be read or scanned
`;
