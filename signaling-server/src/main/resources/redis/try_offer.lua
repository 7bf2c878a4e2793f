-- tryOffer: ARGV = prefix, requestId, helperId, now, offerJson
-- Reserves a waiting request for a helper when: the request waits with no open offer, the helper has not
-- declined it, and the helper can take an offer now (HelperPresence.canTakeOffer: chose AVAILABLE, below its
-- maximum of sessions, not in wrap-up, sessions plus pending offers below its maximum). Returns 1 or 0.
local request_id, helper_id, now, offer = ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]
if redis.call('HEXISTS', key('requests'), request_id) == 0 then return 0 end
if redis.call('HEXISTS', key('offers'), request_id) == 1 then return 0 end
local hk = helper_key(helper_id)
local h = redis.call('HMGET', hk, 'chosen', 'max', 'active', 'pending', 'wrap')
if not h[1] then return 0 end
local declined = redis.call('HGET', key('declined'), request_id)
if declined then
  for _, d in ipairs(cjson.decode(declined)) do
    if d == helper_id then return 0 end
  end
end
local max, active, pending, wrap = num(h[2]), num(h[3]), num(h[4]), num(h[5])
if h[1] ~= 'AVAILABLE' or active >= max or wrap > now or active + pending >= max then return 0 end
redis.call('HSET', key('offers'), request_id, offer)
redis.call('HSET', hk, 'pending', pending + 1)
helper_changed(helper_id)
return 1
