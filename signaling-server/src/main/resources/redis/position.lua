-- position: ARGV = prefix, requestId
-- Where a waiting request stands in its queue: {queue, 0-based rank, length}, from queue:<name> (same order as
-- the whole queue: score, then id); nil when it does not wait there.
local request_id = ARGV[2]
local queue_name = redis.call('HGET', key('request-queue'), request_id)
if not queue_name then
  return nil
end
local rank = redis.call('ZRANK', key('queue:' .. queue_name), request_id)
if not rank then
  return nil
end
return {queue_name, rank, redis.call('ZCARD', key('queue:' .. queue_name))}
