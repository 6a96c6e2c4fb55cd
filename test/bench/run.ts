/** `npm run bench`: every benchmark, each beside a baseline measured in the same run. */
import { benchIngest } from './ingest.ts';
import { benchStaffing } from './staffing.ts';
import { benchForecast } from './forecast.ts';
import { table, type BenchResult } from './stats.ts';

const results: BenchResult[] = [];
console.log('staffing …');
results.push(benchStaffing());
console.log('forecasts …');
results.push(...benchForecast());
console.log('ingest + aggregation …');
results.push(await benchIngest());
console.log(`\n${table(results)}\n`);
