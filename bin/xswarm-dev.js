#!/usr/bin/env node
import { main } from "../dist/xswarm-dev.js";

main(process.argv);
