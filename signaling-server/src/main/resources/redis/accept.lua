-- accept: ARGV = prefix, requestId, helperId, sessionId, now
-- Turns the helper's open offer into a live session: the request leaves the queue, the helper holds one more
-- session and one offer fewer, its missed count resets. Returns {} when that offer is not open for that
-- helper, else {sessionJson, helper presence}.
local request_id, helper_id, session_id, now = ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local offer = redis.call('HGET', key('offers'), request_id)
if not offer or offer_helper(offer) ~= helper_id then return {} end
local json = redis.call('HGET', key('requests'), request_id)
if not json then
  return redis.error_reply('live state inconsistent: offer for request ' .. request_id .. ' is open but the request does not wait')
end
redis.call('HDEL', key('offers'), request_id)
local declined = redis.call('HGET', key('declined'), request_id)
local applicant_id = redis.call('HGET', key('request-applicant'), request_id)
remove_waiting(request_id, applicant_id)
local hk = helper_key(helper_id)
local h = redis.call('HMGET', hk, 'active', 'pending')
redis.call('HSET', hk, 'active', num(h[1]) + 1, 'pending', at_least_zero(num(h[2]) - 1), 'missed', 0)
helper_changed(helper_id)
local session = '{"id":' .. cjson.encode(session_id)
  .. ',"helperId":' .. cjson.encode(helper_id)
  .. ',"applicantId":' .. cjson.encode(applicant_id)
  .. ',"startedAt":' .. now
  .. ',"request":' .. json
  .. ',"declinedBy":' .. (declined or '[]') .. '}'
redis.call('HSET', key('sessions'), session_id, session)
redis.call('SADD', principal_key(helper_id), session_id)
redis.call('SADD', principal_key(applicant_id), session_id)
redis.call('HINCRBY', key('applicant-sessions'), applicant_id, 1)
return {session, presence_of(helper_id)}
