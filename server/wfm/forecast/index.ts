/**
 * Interval forecasting of Floorboard: series preparation in the tenant's zone, a pool of methods
 * (seasonal naive, same-weekday k-week average, day-total smoothing, SVD of the day × interval
 * matrix with day-score models), per-series choice by rolling-origin backtest, intraday
 * reforecast and accuracy metrics. Pure functions, no I/O.
 */
export { forecastQueue, type ForecastPoint, type ForecastRequest, type QueueForecast } from './forecast.ts';
export {
  prepareSeries,
  trainingDays,
  expectedOpen,
  expectedAfterClosure,
  STEP_MINUTES,
  type DayStatus,
  type IntervalObservation,
  type PreparedSeries,
  type SeriesDay,
  type SeriesOptions,
  type StepMinutes,
} from './series.ts';
export {
  METHOD_NAMES,
  dayTotalSmoothing,
  defaultMethods,
  methodByName,
  seasonalNaive,
  svdMethod,
  weekdayAverage,
  type ForecastMethod,
  type MethodCache,
  type MethodName,
  type SvdOptions,
  type TargetDay,
  type TrainingRow,
} from './methods.ts';
export { backtest, type BacktestOptions, type BacktestResult, type MethodScore } from './backtest.ts';
export { SHRINK_CANDIDATES, chooseShrink, reforecast, reforecastFactor } from './intraday.ts';
export { accumulate, emptySums, mae, mase, seasonalNaiveScale, wape, type ErrorSums } from './metrics.ts';
export { ahtForecast, type AhtOptions } from './aht.ts';
export { dayOfIso, instantOf, isTimeZone, isoDate, localDayMinute, weekdayOf } from './calendar.ts';
