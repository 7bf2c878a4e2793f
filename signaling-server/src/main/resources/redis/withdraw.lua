-- withdraw: ARGV = prefix, requestId
-- Takes a waiting request out and withdraws its open offer (the helper's pending count drops).
-- Returns {} when it no longer waits, else {requestJson, declinedJson|false, offerJson|false}.
local request_id = ARGV[2]
local json = redis.call('HGET', key('requests'), request_id)
if not json then return {} end
local declined = redis.call('HGET', key('declined'), request_id)
remove_waiting(request_id, redis.call('HGET', key('request-applicant'), request_id))
local offer = redis.call('HGET', key('offers'), request_id)
if offer then
  redis.call('HDEL', key('offers'), request_id)
  local offered_to = offer_helper(offer)
  local hk = helper_key(offered_to)
  local pending = redis.call('HGET', hk, 'pending')
  if pending then
    redis.call('HSET', hk, 'pending', at_least_zero(num(pending) - 1))
    helper_changed(offered_to)
  end
end
return {json, declined or false, offer or false}
