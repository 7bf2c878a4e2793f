-- endSession: ARGV = prefix, sessionId, wrapUpUntil, now
-- Ends a live session exactly once: the helper holds one session fewer, is idle since now and in wrap-up
-- until the later of its current wrap-up and wrapUpUntil. Returns {} when the session is not live,
-- else {sessionJson, helper presence}.
local session_id, wrap_until, now = ARGV[2], ARGV[3], ARGV[4]
local session = redis.call('HGET', key('sessions'), session_id)
if not session then return {} end
local s = cjson.decode(session)
local hk = helper_key(s.helperId)
local h = redis.call('HMGET', hk, 'active', 'wrap')
if not h[1] then
  return redis.error_reply('live state inconsistent: session ' .. session_id .. ' is held by helper '
    .. s.helperId .. ' who has no presence')
end
redis.call('HDEL', key('sessions'), session_id)
redis.call('SREM', principal_key(s.helperId), session_id)
redis.call('SREM', principal_key(s.applicantId), session_id)
if redis.call('HINCRBY', key('applicant-sessions'), s.applicantId, -1) <= 0 then
  redis.call('HDEL', key('applicant-sessions'), s.applicantId)
end
local wrap = h[2]
if tonumber(wrap_until) > num(wrap) then wrap = wrap_until end
redis.call('HSET', hk, 'active', at_least_zero(num(h[1]) - 1), 'idle', now, 'wrap', wrap)
helper_changed(s.helperId)
return {session, presence_of(s.helperId)}
