import { serveOneJob } from '../bench/child.js';

serveOneJob();
