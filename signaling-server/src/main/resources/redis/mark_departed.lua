-- mark_departed: ARGV = prefix, principalId, nodeId, now (epoch millis), keepMillis
-- The principal's last connection on the node closed at `now`: the node's mark goes (and any other mark that ran
-- out), and this departure replaces the last one. The key then lives at least keepMillis more.
local k = connected_key(ARGV[2])
local now, keep = tonumber(ARGV[4]), tonumber(ARGV[5])
redis.call('HDEL', k, 'node:' .. ARGV[3])
local f = redis.call('HGETALL', k)
for i = 1, #f, 2 do
  if string.sub(f[i], 1, 5) == 'node:' and num(f[i + 1]) <= now then redis.call('HDEL', k, f[i]) end
end
redis.call('HSET', k, 'departed-node', ARGV[3], 'departed-at', ARGV[4])
if redis.call('PTTL', k) < keep then redis.call('PEXPIRE', k, keep) end
return 1
