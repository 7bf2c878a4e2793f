-- Bangban live state: prelude shared by every script (prepended when the script is loaded).
-- ARGV[1] is the deployment's key prefix; every key is "<prefix>:<name>". Scripts derive some keys from
-- stored data (the helper of an offer, the principals of a session), so this layout needs standalone Redis
-- (or Sentinel), not Redis Cluster.
local P = ARGV[1] .. ':'

local function key(name)
  return P .. name
end

local function helper_key(helper_id)
  return P .. 'helper:' .. helper_id
end

local function principal_key(principal_id)
  return P .. 'principal-sessions:' .. principal_id
end

local function connected_key(principal_id)
  return P .. 'connected:' .. principal_id
end

local function num(v)
  return tonumber(v) or 0
end

local function at_least_zero(n)
  if n < 0 then return 0 end
  return n
end

-- Takes a request out of the queue and every index of waiting requests.
local function remove_waiting(request_id, applicant_id)
  redis.call('ZREM', key('queue'), request_id)
  local queue_name = redis.call('HGET', key('request-queue'), request_id)
  if queue_name then
    redis.call('ZREM', key('queue:' .. queue_name), request_id)
    redis.call('HDEL', key('request-queue'), request_id)
  end
  local language = redis.call('HGET', key('request-language'), request_id)
  if language then
    if language ~= '' then
      redis.call('ZREM', key('queue-language:' .. language), request_id)
    end
    redis.call('HDEL', key('request-language'), request_id)
  end
  redis.call('HDEL', key('requests'), request_id)
  redis.call('HDEL', key('declined'), request_id)
  redis.call('HDEL', key('request-applicant'), request_id)
  if applicant_id and redis.call('HGET', key('applicant-waiting'), applicant_id) == request_id then
    redis.call('HDEL', key('applicant-waiting'), applicant_id)
  end
end

-- Files a waiting request under its language (queue-language:<language>, same score as in the queue), so a pairing
-- pass reads only the languages free helpers speak. A request without a language ('') is noted, in no queue.
local function index_language(request_id, language, service_key)
  redis.call('HSET', key('request-language'), request_id, language)
  if language ~= '' then
    redis.call('ZADD', key('queue-language:' .. language), service_key, request_id)
  end
end

-- Records that a helper's hash changed: the helpers' version moves on and the helper is filed under it, so a
-- node reads only the helpers changed since the version it last saw (helpers_since.lua).
local function helper_changed(helper_id)
  local v = redis.call('INCR', key('helpers-version'))
  redis.call('ZADD', key('helpers-changed'), v, helper_id)
end

-- A helper's presence as every script returns it, without the profile JSON (nodes keep profiles by their version,
-- pv, and read one only when its version moved on):
-- {helperId, chosen, active, pending, idle, wrap, missed, away or nil, pv}.
local function presence_of(helper_id)
  local f = redis.call('HMGET', helper_key(helper_id), 'chosen', 'active', 'pending', 'idle', 'wrap', 'missed', 'away', 'pv')
  return {helper_id, f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]}
end

-- The helper of a stored offer (offers are JSON written by RedisLiveCodec: {"helperId":..,...}).
local function offer_helper(offer_json)
  return cjson.decode(offer_json).helperId
end
