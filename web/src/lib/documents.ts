/** The GraphQL operations the wallboard runs. One selection set, so a query and a subscription
 * fill the board with exactly the same shape. */

const QUEUE_FIELDS = /* GraphQL */ `
  id tenant name channel language
  waiting longestWaitSeconds oldestQueuedAt asOf
  agents { available busy wrapup away offline }
  today {
    offered answered answeredWithinThreshold abandoned shortAbandoned overflowed
    serviceLevel asaSeconds ahtSeconds abandonRate
  }
  settings { thresholdSeconds targetServiceLevel shortAbandonSeconds serviceLevelFormula label }
`;

export const QUEUES_QUERY = /* GraphQL */ `
  query Queues($tenant: ID) { queues(tenant: $tenant) { ${QUEUE_FIELDS} } }
`;

export const TENANTS_QUERY = /* GraphQL */ `
  query Tenants { tenants { id name timeZone } }
`;

export const QUEUE_UPDATED_SUBSCRIPTION = /* GraphQL */ `
  subscription QueueUpdated($tenant: ID, $ids: [ID!]) { queueUpdated(tenant: $tenant, ids: $ids) { ${QUEUE_FIELDS} } }
`;
