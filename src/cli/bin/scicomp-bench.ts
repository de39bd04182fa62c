import { main } from '../main.js';
import { processIo } from '../io.js';

process.exitCode = await main(['bench', ...process.argv.slice(2)], processIo());
