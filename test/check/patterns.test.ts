import { describe, expect, it } from 'vitest';
import {
  blank,
  DEBUG_PAGES,
  FILE_PATHS,
  firstMatch,
  INTERNAL_ADDRESSES,
  type Pattern,
  SQL_ERRORS,
  STACK_TRACES,
} from '../../src/check/patterns.js';

// [family, text, name of the pattern expected to match, or undefined for no match]
const FAMILIES: Record<string, readonly Pattern[]> = {
  STACK_TRACES,
  FILE_PATHS,
  SQL_ERRORS,
  DEBUG_PAGES,
  INTERNAL_ADDRESSES,
};

const SAMPLES: [string, string, string | undefined][] = [
  ['STACK_TRACES', 'Error: boom\n    at handler (/srv/app/routes/orders.js:12:9)', 'Node.js'],
  ['STACK_TRACES', 'at file:///srv/app/index.mjs:3:14', 'Node.js'],
  [
    'STACK_TRACES',
    'at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    'Node.js',
  ],
  [
    'STACK_TRACES',
    '<br> &nbsp; &nbsp;at Layer.handle [as handle_request] (C:\\app\\node_modules\\x.js:95:5)',
    'Node.js',
  ],
  [
    'STACK_TRACES',
    'Traceback (most recent call last):\n  File "/app/main.py", line 3, in <module>',
    'Python',
  ],
  [
    'STACK_TRACES',
    '  File "/usr/lib/python3.12/json/decoder.py", line 353, in raw_decode',
    'Python',
  ],
  [
    'STACK_TRACES',
    'java.lang.NullPointerException\n\tat com.shop.Orders.find(Orders.java:42)',
    'Java',
  ],
  ['STACK_TRACES', 'at org.apache.catalina.core.StandardWrapper.service(Native Method)', 'Java'],
  ['STACK_TRACES', '   at Shop.Orders.Find(Int32 id) in C:\\src\\Shop\\Orders.cs:line 42', '.NET'],
  ['STACK_TRACES', '--- End of stack trace from previous location ---', '.NET'],
  ['STACK_TRACES', '#0 /var/www/html/index.php(12): Orders->find()', 'PHP'],
  ['STACK_TRACES', 'PHP Fatal error:  Uncaught Exception: boom', 'PHP'],
  ['STACK_TRACES', 'goroutine 1 [running]:\nmain.main()', 'Go'],
  ['STACK_TRACES', '\t/home/ci/app/main.go:42 +0x1d', 'Go'],
  ['STACK_TRACES', "app/models/order.rb:12:in `find'", 'Ruby'],
  ['STACK_TRACES', 'See https://example.com/docs at 10:30', undefined],
  ['STACK_TRACES', 'at noon (UTC)', undefined],
  ['FILE_PATHS', "ENOENT: no such file or directory, open '/srv/app/config/db.json'", 'Unix path'],
  ['FILE_PATHS', 'Cannot find module /home/deploy/app/dist/server.js', 'Unix path'],
  ['FILE_PATHS', 'C:\\inetpub\\wwwroot\\web.conf', 'Windows path'],
  ['FILE_PATHS', '"C:\\\\Users\\\\me\\\\app\\\\index.ts"', 'Windows path'],
  ['FILE_PATHS', 'require stack: node_modules/express/lib/router.js', 'node_modules'],
  [
    'FILE_PATHS',
    '{"instance":"/orders/42","type":"https://api.example/problems/out-of-credit.json"}',
    undefined,
  ],
  ['FILE_PATHS', 'see /var/run for details', undefined],
  ['SQL_ERRORS', 'SQLSTATE[42S02]: Base table or view not found', 'SQLSTATE'],
  ['SQL_ERRORS', 'You have an error in your SQL syntax; check the manual', 'MySQL'],
  ['SQL_ERRORS', 'Error: ER_DUP_ENTRY: Duplicate entry', 'MySQL'],
  ['SQL_ERRORS', 'error: syntax error at or near "FROM"', 'PostgreSQL'],
  ['SQL_ERRORS', 'duplicate key value violates unique constraint "users_email_key"', 'PostgreSQL'],
  ['SQL_ERRORS', 'relation "orders" does not exist', 'PostgreSQL'],
  ['SQL_ERRORS', 'SQLITE_CONSTRAINT: UNIQUE constraint failed', 'SQLite'],
  ['SQL_ERRORS', 'ORA-00942: table or view does not exist', 'Oracle'],
  ['SQL_ERRORS', "Unclosed quotation mark after the character string 'x'.", 'SQL Server'],
  ['SQL_ERRORS', 'SequelizeDatabaseError: column "x" does not exist', 'ORM'],
  ['SQL_ERRORS', 'The order does not exist', undefined],
  ['DEBUG_PAGES', '<div class="debugger">Werkzeug Debugger</div>', 'Werkzeug debugger'],
  [
    'DEBUG_PAGES',
    "You're seeing this error because you have <code>DEBUG = True</code> in",
    'Django debug page',
  ],
  ['DEBUG_PAGES', '<h1>Action Controller: Exception caught</h1>', 'Rails exception page'],
  ['DEBUG_PAGES', 'Whoops, looks like something went wrong.', 'Laravel error page'],
  ['DEBUG_PAGES', '<pre class="sf-dump" id="sf-dump-1">', 'Symfony debug page'],
  ['DEBUG_PAGES', "<h1>Server Error in '/' Application.</h1>", 'ASP.NET error page'],
  ['DEBUG_PAGES', '<h1>Whitelabel Error Page</h1>', 'Spring Whitelabel page'],
  ['DEBUG_PAGES', '<h1>Not Found</h1>', undefined],
  ['INTERNAL_ADDRESSES', 'connect ECONNREFUSED 10.0.3.7:5432', 'private IPv4 address'],
  ['INTERNAL_ADDRESSES', 'upstream 172.16.0.1 timed out', 'private IPv4 address'],
  ['INTERNAL_ADDRESSES', 'proxy 192.168.1.20', 'private IPv4 address'],
  ['INTERNAL_ADDRESSES', 'connect ECONNREFUSED 127.0.0.1:6379', 'private IPv4 address'],
  ['INTERNAL_ADDRESSES', 'metadata at 169.254.169.254', 'private IPv4 address'],
  ['INTERNAL_ADDRESSES', 'node fd12:3456:789a::1 down', 'private IPv6 address'],
  ['INTERNAL_ADDRESSES', 'getaddrinfo ENOTFOUND orders-db.internal', 'internal host name'],
  ['INTERNAL_ADDRESSES', 'redis at cache.corp:6379', 'internal host name'],
  ['INTERNAL_ADDRESSES', 'http://localhost:8080/health', 'internal host name'],
  ['INTERNAL_ADDRESSES', 'version 10.2.3.4.5 of the client', undefined],
  ['INTERNAL_ADDRESSES', 'public 8.8.8.8 and 172.32.0.1', undefined],
  ['INTERNAL_ADDRESSES', 'see api.example.com/docs', undefined],
];

describe('leak patterns', () => {
  it.each(SAMPLES)('%s: %j', (family, text, expected) => {
    expect(firstMatch(text, FAMILIES[family] ?? [])?.name).toBe(expected);
  });

  it('finds the earliest match of any pattern, with its index and text', () => {
    expect(firstMatch('x SQLSTATE[42000] ORA-00942', SQL_ERRORS)).toEqual({
      name: 'SQLSTATE',
      index: 2,
      text: 'SQLSTATE[42000',
    });
    expect(firstMatch('ORA-00942 then SQLSTATE[42000]', SQL_ERRORS)?.name).toBe('Oracle');
  });

  it('blanks every stack frame, keeping the length, so that paths in them are not a second finding', () => {
    const stack =
      'Error: x\n    at a (/srv/app/a.js:1:2)\n    at b (/srv/app/b.js:3:4)\nopen /srv/app/c.json';
    const blanked = blank(stack, STACK_TRACES);
    expect(blanked).toHaveLength(stack.length);
    expect(firstMatch(blanked, STACK_TRACES)).toBeUndefined();
    expect(firstMatch(blanked, FILE_PATHS)?.text).toBe('/srv/app/c.json');
  });

  // Catastrophic backtracking on 64 KiB would run for minutes, past the test's time limit.
  it('finishes on long hostile input', () => {
    const texts = [
      `at ${'a'.repeat(65_536)}`,
      `at ${'('.repeat(30_000)}`,
      `${'/srv/'.repeat(13_000)}`,
      `at x(${'y'.repeat(60_000)}) in `,
      `${'10.'.repeat(20_000)}`,
      `${'a.'.repeat(30_000)}local`,
      `C:\\${'a\\'.repeat(30_000)}`,
    ];
    const all = [STACK_TRACES, FILE_PATHS, SQL_ERRORS, DEBUG_PAGES, INTERNAL_ADDRESSES];
    const found = texts.map((text) => all.map((patterns) => firstMatch(text, patterns)?.name));
    expect(found.flat().filter(Boolean)).toEqual(['internal host name']);
  });
});
