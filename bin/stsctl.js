#!/usr/bin/env node
// Shim: hand the process to the bundled entry point (npm run build makes it).
import { runProcess } from '../dist/bundle/main.js';

runProcess();
