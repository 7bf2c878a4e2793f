-- mark_connected: ARGV = prefix, nodeId, until (epoch millis), ttlMillis, principalId...
-- Marks each principal as connected on the node until `until` and clears its last departure. The key then lives
-- at least ttlMillis more (on Redis's clock), so the marks of a node that died go away by themselves.
-- Returns how many principals were marked.
local field, until_ms, ttl = 'node:' .. ARGV[2], ARGV[3], tonumber(ARGV[4])
for i = 5, #ARGV do
  local k = connected_key(ARGV[i])
  redis.call('HSET', k, field, until_ms)
  redis.call('HDEL', k, 'departed-node', 'departed-at')
  if redis.call('PTTL', k) < ttl then redis.call('PEXPIRE', k, ttl) end
end
return #ARGV - 4
