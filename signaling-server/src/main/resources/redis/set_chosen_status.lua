-- setChosenStatus: ARGV = prefix, helperId, status (AVAILABLE|AWAY|OFFLINE), now, hasReason (1|0), reason
-- AVAILABLE clears the missed count and the away reason, and starts the idle time when the helper was not
-- available before; AWAY and OFFLINE record the reason given (none when absent).
local hk = helper_key(ARGV[2])
local status, now = ARGV[3], ARGV[4]
local chosen = redis.call('HGET', hk, 'chosen')
if not chosen then return {} end
if status == 'AVAILABLE' then
  if chosen ~= 'AVAILABLE' then redis.call('HSET', hk, 'idle', now) end
  redis.call('HSET', hk, 'missed', 0)
  redis.call('HDEL', hk, 'away')
elseif ARGV[5] == '1' then
  redis.call('HSET', hk, 'away', ARGV[6])
else
  redis.call('HDEL', hk, 'away')
end
redis.call('HSET', hk, 'chosen', status)
helper_changed(ARGV[2])
return presence_of(ARGV[2])
