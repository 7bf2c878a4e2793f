-- endWrapUp: ARGV = prefix, helperId
local hk = helper_key(ARGV[2])
if redis.call('EXISTS', hk) == 0 then return {} end
redis.call('HSET', hk, 'wrap', 0)
helper_changed(ARGV[2])
return presence_of(ARGV[2])
