// lhconf-language-server: speaks LSP on stdin/stdout. Editors start it; it takes no arguments (`--stdio`,
// which some clients add, is accepted and ignored).
import { startWithServerFlags } from './node-flags.js';
import { startServer } from './server.js';

startWithServerFlags(() => void startServer());
