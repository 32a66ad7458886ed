// lhconf-language-server: speaks LSP on stdin/stdout. Editors start it; it takes no arguments (`--stdio`,
// which some clients add, is accepted and ignored).
import { startServer } from './server.js';

startServer();
