/**
 * File suffixes of scripts that need an interpreter, with the interpreter Debian installs for them. In
 * `cgi.assign`, `".py" => ""` makes mod_cgi execve() the file itself: that works only with a `#!` line and the
 * executable bit, and a PHP file has no `#!` at all (mod_cgi.c cgi_create_env).
 */
export const cgiScriptInterpreters: Readonly<Record<string, string>> = {
  '.php': '/usr/bin/php-cgi',
  '.py': '/usr/bin/python3',
  '.pl': '/usr/bin/perl',
  '.rb': '/usr/bin/ruby',
  '.sh': '/bin/sh',
  '.lua': '/usr/bin/lua',
  '.tcl': '/usr/bin/tclsh',
};
