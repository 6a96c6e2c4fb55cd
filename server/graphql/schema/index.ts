/** The schema: imports every type file and builds. Exports nothing else (Pothos app layout). */
import { builder } from '../builder.ts';
import './scalars.ts';
import './queue.ts';
import './tenant.ts';
import './tokens.ts';
import './intervals.ts';
import './staffing.ts';
import './alerts.ts';
import './webhooks.ts';
import './followups.ts';
import './forecast.ts';
import './shifts.ts';
import './embed.ts';
import './simulate.ts';
import './agents.ts';
import './layouts.ts';
import './audit.ts';

builder.queryType({});
builder.mutationType({});

export const schema = builder.toSchema({ sortSchema: true });
