-- release: ARGV = prefix, requestId, helperId, autoAwayAfter, hasReason (1|0), awayReason, missed (1|0)
-- Gives an open offer back (decline or timeout): the request waits again in its place, never to be offered to
-- that helper; the helper's missed count rises and at autoAwayAfter in a row an AVAILABLE helper is set AWAY.
-- With missed = 0 (the helper was lost) the missed count and the state stay.
-- Returns {} when that offer is not open for that helper, else
-- {offerJson, requestJson, declinedJson, helper presence, setAway 1|0}.
local request_id, helper_id, auto_away_after = ARGV[2], ARGV[3], tonumber(ARGV[4])
local offer = redis.call('HGET', key('offers'), request_id)
if not offer or offer_helper(offer) ~= helper_id then return {} end
redis.call('HDEL', key('offers'), request_id)
local declined = redis.call('HGET', key('declined'), request_id)
local list = {}
if declined then list = cjson.decode(declined) end
local known = false
for _, d in ipairs(list) do
  if d == helper_id then known = true end
end
if not known then table.insert(list, helper_id) end
local declined_json = cjson.encode(list)
redis.call('HSET', key('declined'), request_id, declined_json)
local hk = helper_key(helper_id)
local h = redis.call('HMGET', hk, 'chosen', 'pending', 'missed')
local counts = ARGV[7] == '1'
local missed = num(h[3])
if counts then missed = missed + 1 end
local away = counts and missed >= auto_away_after and h[1] == 'AVAILABLE'
redis.call('HSET', hk, 'pending', at_least_zero(num(h[2]) - 1), 'missed', missed)
if away then
  redis.call('HSET', hk, 'chosen', 'AWAY')
  if ARGV[5] == '1' then redis.call('HSET', hk, 'away', ARGV[6]) else redis.call('HDEL', hk, 'away') end
end
helper_changed(helper_id)
local set_away = 0
if away then set_away = 1 end
return {offer, redis.call('HGET', key('requests'), request_id), declined_json, presence_of(helper_id), set_away}
