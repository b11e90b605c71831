#!/usr/bin/env node
// Shim: hand the process to the built entry point.
import { runProcess } from '../dist/src/main.js';

runProcess();
