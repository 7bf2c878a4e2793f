-- helpersChangedSince: ARGV = prefix, sinceVersion
-- Read only: the helpers whose hash changed after sinceVersion. Returns {version, reset (1|0), helper presence...}.
-- When the stored version is below sinceVersion (the keys were reset) every helper is returned, with reset = 1.
local since = tonumber(ARGV[2])
local version = tonumber(redis.call('GET', key('helpers-version')) or '0')
local ids
local reset = 0
if version < since then
  reset = 1
  ids = redis.call('ZRANGE', key('helpers-changed'), 0, -1)
else
  ids = redis.call('ZRANGEBYSCORE', key('helpers-changed'), '(' .. ARGV[2], '+inf')
end
local out = {version, reset}
for _, id in ipairs(ids) do
  if redis.call('EXISTS', helper_key(id)) == 1 then out[#out + 1] = presence_of(id) end
end
return out
