/**
 * Staffing mathematics of Floorboard: Erlang B, C and A, the staffing search the API calls per
 * queue and interval, and the chat / email requirement helpers. Pure functions, no I/O.
 */
export { erlangB, erlangBMaxTraffic, erlangBMetrics, ErlangBSeries, type ErlangBMetrics } from './erlang-b.ts';
export { erlangC, type ErlangCMetrics, type ErlangCParams } from './erlang-c.ts';
export { erlangA, type ErlangAMetrics, type ErlangAParams } from './erlang-a.ts';
export {
  staffing,
  type Binding,
  type ErlangAStaffingInput,
  type ErlangBStaffingInput,
  type ErlangCStaffingInput,
  type StaffingInput,
  type StaffingModel,
  type StaffingResult,
} from './staffing.ts';
export {
  asyncWorkRequirement,
  chatQueueMetrics,
  chatStaffing,
  type AsyncWorkInput,
  type AsyncWorkResult,
  type ChatMetrics,
  type ChatStaffingInput,
  type ChatStaffingResult,
} from './concurrency.ts';
export { WfmInputError, scheduledAgents } from './numbers.ts';
