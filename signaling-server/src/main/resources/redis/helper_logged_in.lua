-- helperLoggedIn: ARGV = prefix, helperId, profileJson, maxSessions, now
-- A new helper, or one that went OFFLINE, starts AWAY (not ready); an existing one keeps its state and gets the new profile; a profile that
-- differs from the stored one moves the profile version (pv) on. Returns the presence (see presence_of).
local helper_id, profile, max, now = ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local hk = helper_key(helper_id)
if redis.call('EXISTS', hk) == 0 then
  redis.call('HSET', hk, 'chosen', 'AWAY', 'active', 0, 'pending', 0, 'idle', now, 'wrap', 0, 'missed', 0)
end
if redis.call('HGET', hk, 'chosen') == 'OFFLINE' then
  -- logged out or lost past the grace period: back not ready, as a new login
  redis.call('HSET', hk, 'chosen', 'AWAY')
  redis.call('HDEL', hk, 'away')
end
if redis.call('HGET', hk, 'profile') ~= profile then
  redis.call('HSET', hk, 'profile', profile)
  redis.call('HINCRBY', hk, 'pv', 1)
end
redis.call('HSET', hk, 'max', max)
redis.call('SADD', key('helpers'), helper_id)
helper_changed(helper_id)
return presence_of(helper_id)
