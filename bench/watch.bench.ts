import type { Benchmark } from "./types.js";

export const benchmarks: Benchmark[] = [];
