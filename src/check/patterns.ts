// What internals look like when they leak into a response: stack frames of the common
// runtimes, file system paths, database errors, framework debug pages and private network
// addresses. Every pattern runs on up to 64 KiB of untrusted text, so none has nested or
// unbounded ambiguous repetition: each runs in time linear in the text.

/** A named pattern; the name is what a report shows. */
export interface Pattern {
  name: string;
  re: RegExp;
}

const p = (name: string, re: RegExp): Pattern => ({ name, re });

/** One stack frame (or the header of a stack trace) per match. */
export const STACK_TRACES: readonly Pattern[] = [
  // at fn (/srv/app/index.js:12:5), at file:///srv/app/index.mjs:3:9, at node:internal/x:1:2
  p(
    'Node.js',
    /\bat (?:async )?(?:new )?(?:[^\s()]+ )?(?:\[as [^\]\s]+\] )?\(?(?:file:\/\/|node:|\/|[A-Za-z]:\\)[^\s()]*:\d+:\d+\)?/,
  ),
  p('Python', /Traceback \(most recent call last\)|\bFile "[^"\n]{1,300}", line \d+, in /),
  // at com.example.Orders.find(Orders.java:42)
  p(
    'Java',
    /\bat (?:[\w$]+\.)+[\w$<>]+\((?:[\w$-]+\.(?:java|kt|scala|groovy|clj):\d+|Native Method|Unknown Source)\)/,
  ),
  // at Shop.Orders.Find(Int32 id) in C:\src\Orders.cs:line 42
  p(
    '.NET',
    /\bat [\w.`<>+, [\]]+\([^)\n]{0,300}\) in [^\n]{1,300}?:line \d+|--- End of (?:inner exception )?stack trace/,
  ),
  // #0 /var/www/index.php(12): find()
  p(
    'PHP',
    /#\d+ (?:\/|[A-Za-z]:\\)[^\s(]{1,300}\.php\(\d+\): |\bPHP (?:Fatal error|Warning|Notice|Parse error): /,
  ),
  p('Go', /\bgoroutine \d+ \[[\w ,]{1,60}\]:|\.go:\d+ \+0x[\da-f]+/),
  p('Ruby', /\.rb:\d+:in [`'‘]/),
];

const SOURCE = `(?:[cm]?[jt]sx?|py|rb|php|java|kt|go|cs|json|ya?ml|toml|env|ini|conf|log|sql|ejs|hbs|pug|erb|twig)`;

/** A file system path: a server directory and a file with a source, config or log extension. */
export const FILE_PATHS: readonly Pattern[] = [
  p(
    'Unix path',
    new RegExp(
      String.raw`(?<![\w.~/-])/(?:home|Users|var|usr|opt|srv|app|root|tmp|etc|mnt|workspace|code|src|build|private)(?:/[\w.@~+-]+)+\.${SOURCE}\b`,
    ),
  ),
  p(
    'Windows path',
    new RegExp(String.raw`\b[A-Za-z]:\\{1,2}(?:[\w .@~+-]+\\{1,2})+[\w.@~+-]+\.${SOURCE}\b`),
  ),
  p('node_modules', /\bnode_modules[\\/]/),
];

/** The error text of common databases and their drivers. */
export const SQL_ERRORS: readonly Pattern[] = [
  p('SQLSTATE', /\bSQLSTATE\[?\w{5}|\bSQLSTATE\b/),
  p('MySQL', /You have an error in your SQL syntax|\bER_[A-Z_]{3,}\b|\bmysqli?_\w+\(\)/),
  p(
    'PostgreSQL',
    /syntax error at or near "|duplicate key value violates unique constraint|relation "[^"\n]{1,100}" does not exist|\bPG::[A-Z]\w+/,
  ),
  p('SQLite', /\bSQLITE_[A-Z]{4,}\b|near "[^"\n]{1,50}": syntax error/),
  p('Oracle', /\bORA-\d{5}\b/),
  p('SQL Server', /Unclosed quotation mark after the character string|Incorrect syntax near '/),
  p('ORM', /\b(?:Sequelize\w*Error|QueryFailedError|PrismaClient\w*Error|SqlException)\b/),
];

/** The debug pages frameworks show in development, and their tell-tale markup. */
export const DEBUG_PAGES: readonly Pattern[] = [
  p(
    'Werkzeug debugger',
    /Werkzeug Debugger|The debugger caught an exception in your WSGI application/,
  ),
  p('Django debug page', /because you have <code>DEBUG = True<\/code>/),
  p('Rails exception page', /Action Controller: Exception caught/),
  p(
    'Laravel error page',
    /Whoops, looks like something went wrong|\bIgnition\b[^\n]{0,200}\bLaravel\b/,
  ),
  p('Symfony debug page', /class="sf-dump"|Symfony Exception/),
  p('ASP.NET error page', /Server Error in '[^'\n]{0,100}' Application/),
  p('Spring Whitelabel page', /Whitelabel Error Page/),
];

/** Addresses and names that only mean something inside a private network. */
export const INTERNAL_ADDRESSES: readonly Pattern[] = [
  p(
    'private IPv4 address',
    /(?<![\d.])(?:10(?:\.\d{1,3}){3}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2}|192\.168(?:\.\d{1,3}){2}|169\.254(?:\.\d{1,3}){2}|127(?:\.\d{1,3}){3})(?![\d.]*\d)/,
  ),
  p('private IPv6 address', /(?<![\w:])(?:f[cd][\da-f]{2}|fe80):[\da-f:]{2,}/i),
  p(
    'internal host name',
    /(?<![\w.-])(?:[a-z\d-]+\.)+(?:internal|local|localdomain|lan|corp|intranet|home\.arpa)(?![\w.-])|(?<![\w.-])localhost(?![\w.-])/i,
  ),
];

/** The first match of any pattern: its name, index and text. */
export function firstMatch(
  text: string,
  patterns: readonly Pattern[],
): { name: string; index: number; text: string } | undefined {
  let best: { name: string; index: number; text: string } | undefined;
  for (const { name, re } of patterns) {
    const m = re.exec(text);
    if (m && (best === undefined || m.index < best.index))
      best = { name, index: m.index, text: m[0] };
  }
  return best;
}

/** The text with every match of the patterns blanked out (the length kept). */
export function blank(text: string, patterns: readonly Pattern[]): string {
  let out = text;
  for (const { re } of patterns) {
    out = out.replace(new RegExp(re.source, `${re.flags}g`), (m) => ' '.repeat(m.length));
  }
  return out;
}
