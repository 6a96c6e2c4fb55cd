/**
 * What-if from now (issue 6): the coming minutes of a queue simulated from its live state with
 * a given number of agents. Pure parts (state, estimates, the simulation) and the reader that
 * feeds them (outlook.ts).
 */
export { simulateAhead, UnknownQueueError, LIMITS, REPLICATIONS, HANDLE_TIME_CV, type SimulationOutlook, type OutlookAssumptions } from './outlook.ts';
export { simulateOutlook, simulateOutlookAsync, expectedContacts, replicationCount, type OutlookModel, type OutlookNumbers, type Band, type SlotNow, type SimOptions } from './queue-sim.ts';
export { queueFloor, withAgentCount, slotsOf, defaultSlots, type QueueFloor, type AgentNow } from './initial-state.ts';
export { arrivalPlan, ahtEstimate, patienceEstimate, wrapMeanSeconds, DEFAULT_AHT_SECONDS, type Basis, type ForecastSlice, type ArrivalPlan } from './estimates.ts';
export { drawHandle, drawRemaining, normalQuantile, normalTail, type HandleTimes } from './handle-times.ts';
