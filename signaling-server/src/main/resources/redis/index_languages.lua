-- index_languages: ARGV = prefix
-- Files under their language every waiting request that is not yet (queued by a version before the per-language
-- queues): each is read once. Returns how many were filed. A node runs it when it starts, and a pairing pass when
-- the queue holds more requests than are filed.
local filed = 0
local ids = redis.call('ZRANGE', key('queue'), 0, -1, 'WITHSCORES')
for i = 1, #ids, 2 do
  local request_id, service_key = ids[i], ids[i + 1]
  if redis.call('HEXISTS', key('request-language'), request_id) == 0 then
    local json = redis.call('HGET', key('requests'), request_id)
    local language = ''
    if json then
      local ok, request = pcall(cjson.decode, json)
      if ok and type(request) == 'table' and type(request.language) == 'string' then
        language = request.language
      end
    end
    index_language(request_id, language, service_key)
    filed = filed + 1
  end
end
return filed
