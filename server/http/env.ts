import type { Principal } from '../auth/principal.ts';
import type { Services } from '../graphql/context.ts';

/** Variables every request carries through the Hono app. */
export type AppEnv = {
  Variables: {
    principal: Principal | null;
    services: Services;
  };
};
