-- enqueue: ARGV = prefix, requestId, applicantId, serviceKey, requestJson, declinedJson ('' for none), maxQueueLength,
--          queue (the item category and language: the request's place is counted in queue:<name> too),
--          language ('' for none: the request is then in no language's queue)
-- Returns QUEUED, QUEUE_FULL or ALREADY_WAITING (the applicant waits already or is in a live session).
local request_id, applicant_id, service_key, json, declined, max_len, queue_name, language =
  ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7]), ARGV[8], ARGV[9]
if redis.call('HEXISTS', key('applicant-waiting'), applicant_id) == 1
    or redis.call('HEXISTS', key('applicant-sessions'), applicant_id) == 1 then
  return 'ALREADY_WAITING'
end
if redis.call('ZCARD', key('queue')) >= max_len then
  return 'QUEUE_FULL'
end
redis.call('ZADD', key('queue'), service_key, request_id)
if queue_name then -- (a caller that names no queue: its position is found by reading the whole queue)
  redis.call('ZADD', key('queue:' .. queue_name), service_key, request_id)
  redis.call('HSET', key('request-queue'), request_id, queue_name)
end
if language then
  index_language(request_id, language, service_key)
end
redis.call('HSET', key('requests'), request_id, json)
redis.call('HSET', key('request-applicant'), request_id, applicant_id)
redis.call('HSET', key('applicant-waiting'), applicant_id, request_id)
if declined ~= '' then
  redis.call('HSET', key('declined'), request_id, declined)
end
return 'QUEUED'
