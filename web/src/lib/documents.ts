/** The GraphQL operations the web app runs. One selection set, so a query and a subscription
 * fill the board with exactly the same shape. */

/** A period's stats: "today" and the rolling windows show the same numbers. */
const STATS_FIELDS = /* GraphQL */ `
  offered answered answeredWithinThreshold abandoned shortAbandoned overflowed
  serviceLevel asaSeconds ahtSeconds abandonRate
`;

const QUEUE_FIELDS = /* GraphQL */ `
  id tenant name channel language
  waiting longestWaitSeconds oldestQueuedAt asOf
  agents { available busy wrapup away offline }
  today { ${STATS_FIELDS} }
  settings { thresholdSeconds targetServiceLevel shortAbandonSeconds serviceLevelFormula label }
  followUps { open dueSoon overdue }
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

/** The drill-down's queue: the live snapshot (so the page fills before the socket is up) and its
 * rolling windows, which no subscription carries and are polled instead. */
export const QUEUE_DETAIL_QUERY = /* GraphQL */ `
  query QueueDetail($tenant: ID!, $queue: ID!) {
    queue(tenant: $tenant, id: $queue) {
      ${QUEUE_FIELDS}
      w15: window(minutes: 15) { ${STATS_FIELDS} }
      w30: window(minutes: 30) { ${STATS_FIELDS} }
      w60: window(minutes: 60) { ${STATS_FIELDS} }
    }
  }
`;

export const INTERVALS_QUERY = /* GraphQL */ `
  query Intervals($tenant: ID!, $queue: ID, $from: DateTime!, $to: DateTime!, $step: Step!) {
    intervals(tenant: $tenant, queue: $queue, from: $from, to: $to, step: $step) {
      start offered answered answeredWithinThreshold abandoned shortAbandoned overflowed handled
      serviceLevel asaSeconds ahtSeconds abandonRate maxWaitSeconds
      serviceLevelFormula thresholdSeconds label
    }
  }
`;

const ALERT_RULE_FIELDS = /* GraphQL */ `
  id tenant queue metric comparator threshold clearThreshold windowMinutes forSeconds severity enabled isDefault
`;

/** One selection set for the query, the subscription and the mutation, so the alerts store
 * holds one shape whichever of them brought an alert. */
const ALERT_FIELDS = /* GraphQL */ `
  id tenant queue state severity value since firedAt resolvedAt
  acknowledgedBy acknowledgedAt acknowledgementNote acknowledgedUntil
  rule { ${ALERT_RULE_FIELDS} }
`;

export const ALERTS_QUERY = /* GraphQL */ `
  query Alerts($tenant: ID, $states: [AlertState!]) { alerts(tenant: $tenant, states: $states) { ${ALERT_FIELDS} } }
`;

export const ALERT_CHANGED_SUBSCRIPTION = /* GraphQL */ `
  subscription AlertChanged($tenant: ID) { alertChanged(tenant: $tenant) { ${ALERT_FIELDS} } }
`;

export const ACKNOWLEDGE_ALERT_MUTATION = /* GraphQL */ `
  mutation AcknowledgeAlert($id: ID!, $note: String, $until: DateTime) {
    acknowledgeAlert(id: $id, note: $note, until: $until) { ${ALERT_FIELDS} }
  }
`;

export const ALERT_RULES_QUERY = /* GraphQL */ `
  query AlertRules($tenant: ID!) { alertRules(tenant: $tenant) { ${ALERT_RULE_FIELDS} } }
`;

export const UPSERT_ALERT_RULE_MUTATION = /* GraphQL */ `
  mutation UpsertAlertRule($input: AlertRuleInput!) { upsertAlertRule(input: $input) { ${ALERT_RULE_FIELDS} } }
`;

/** Queue names for pages that show alerts without the queues' numbers (the supervisor view). */
export const QUEUE_NAMES_QUERY = /* GraphQL */ `
  query QueueNames($tenant: ID) { queues(tenant: $tenant) { id tenant name } }
`;

/** The caller's role and tenants: pages hide what its token may not do. */
export const ME_QUERY = /* GraphQL */ `
  query Me { me { id name role tenants } }
`;

/** One selection set for the list, the subscription and both mutations, so the follow-ups
 * store holds one shape whichever of them brought a follow-up. */
const FOLLOW_UP_FIELDS = /* GraphQL */ `
  id tenant kind status owner queue contact priority note
  createdAt dueAt dueInSeconds businessSecondsLeft overdue dueSoon metOnTime paused
`;

export const FOLLOW_UPS_QUERY = /* GraphQL */ `
  query FollowUps($tenant: ID!, $status: [FollowUpStatus!], $overdue: Boolean, $owner: String, $queue: ID, $first: Int, $after: String) {
    followUps(tenant: $tenant, status: $status, overdue: $overdue, owner: $owner, queue: $queue, first: $first, after: $after) {
      totalCount
      nodes { ${FOLLOW_UP_FIELDS} }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

export const FOLLOW_UP_SUMMARY_QUERY = /* GraphQL */ `
  query FollowUpSummary($tenant: ID!) { followUpSummary(tenant: $tenant) { open dueSoon overdue metOnTimeRate } }
`;

export const FOLLOW_UP_CHANGED_SUBSCRIPTION = /* GraphQL */ `
  subscription FollowUpChanged($tenant: ID) { followUpChanged(tenant: $tenant) { ${FOLLOW_UP_FIELDS} } }
`;

export const CREATE_FOLLOW_UP_MUTATION = /* GraphQL */ `
  mutation CreateFollowUp($input: FollowUpInput!) { createFollowUp(input: $input) { ${FOLLOW_UP_FIELDS} } }
`;

export const UPDATE_FOLLOW_UP_MUTATION = /* GraphQL */ `
  mutation UpdateFollowUp($tenant: ID!, $id: ID!, $input: FollowUpUpdateInput!) {
    updateFollowUp(tenant: $tenant, id: $id, input: $input) { ${FOLLOW_UP_FIELDS} }
  }
`;
