/** Hand-made Anonymous Bank records, one per case, shared by the unit and CLI tests. */

export const HEADER = 'vru_line,call_id,customer_key,priority,type,date,vru_entry,vru_exit,vru_time,q_start,q_exit,q_time,outcome,ser_start,ser_exit,ser_time,server';
/** Hand-made records, one per case, CRLF-terminated like the real files. */
export const SAMPLE = [
  HEADER,
  // PS, 4 January: answered in 10 s (within T = 20), talk 180 s.
  'AA0101,1,11,1,PS,1999-01-04,09:00:00,09:00:06,6,09:00:06,09:00:16,10,AGENT,09:00:15,09:03:15,180,DANA',
  // Entered while call 1 waited (origposition 2), hung up after 32 s, when call 1 was gone (position 1).
  'AA0101,7,0,0,PS,1999-01-04,09:00:03,09:00:08,5,09:00:08,09:00:40,32,HANG,,,0,NO_SERVER',
  // Answered after 30 s (over T), talk 60 s; ser_start two seconds before q_exit, as in the data.
  'AA0101,2,12,1,PS,1999-01-04,09:01:00,09:01:05,5,09:01:05,09:01:35,30,AGENT,09:01:33,09:02:33,60,DANA',
  // Short abandon: 3 s < S = 5.
  'AA0101,3,0,2,PS,1999-01-04,09:02:00,09:02:05,5,09:02:05,09:02:08,3,HANG,,,0,NO_SERVER',
  // HANG with service columns: the outcome column wins, an abandon after 60 s.
  'AA0101,4,0,2,PS,1999-01-04,09:03:00,09:03:05,5,09:03:05,09:04:05,60,HANG,09:04:05,09:04:10,5,NO_SERVER',
  // Answered straight from the VRU: never queued, not offered.
  'AA0101,5,0,0,PS,1999-01-04,09:04:00,09:04:10,10,,,0,AGENT,09:04:09,09:06:00,111,DANA',
  // PHANTOM: ignored.
  'AA0101,6,0,2,PS,1999-01-04,09:05:00,09:05:05,5,09:05:05,09:05:20,15,PHANTOM,09:05:20,09:05:30,10,NO_SERVER',
  // NE: call_id 1 again, on another VRU line (the real files do this). Queued before midnight, answered after.
  'AA0102,1,0,2,NE,1999-01-04,23:59:50,23:59:55,5,23:59:55,00:00:20,25,AGENT,00:00:19,00:05:19,300,YOSSI',
  // Entered the VRU on the 4th, the queue on the 5th: a contact of the 5th. NO_SERVER answered it.
  'AA0102,2,0,2,NE,1999-01-04,23:59:59,00:00:04,5,00:00:04,00:00:10,6,AGENT,00:00:09,00:01:09,60,NO_SERVER',
  // Answered, but no service times: answered, never handled.
  'AA0102,3,0,,NE,1999-01-05,10:00:00,10:00:05,5,10:00:05,10:01:00,55,AGENT,,,0,RONIT',
  // The same row twice: dropped.
  'AA0102,3,0,,NE,1999-01-05,10:00:00,10:00:05,5,10:00:05,10:01:00,55,AGENT,,,0,RONIT',
  '',
].join('\r\n');
