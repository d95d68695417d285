import type { Command } from 'commander';
import { mergeShards } from '../../pipeline/merge.js';

export function register(program: Command): void {
  program
    .command('merge')
    .description('join the shard parts of OUT/parts/ (from extract --shard i/N) into OUT/features.csv, features.parquet, failures.csv')
    .argument('<out>', 'output folder given to the sharded extract runs')
    .action(async (out: string) => {
      const m = await mergeShards(out);
      process.stdout.write(`merge: ${m.parts} parts, ${m.rows} rows, ${m.failures} failures → ${out}/features.csv\n`);
    });
}
