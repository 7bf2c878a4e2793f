-- queue_counts: ARGV = prefix
-- {requests waiting, requests filed by language}, read at one instant: a pairing pass that finds more waiting than
-- filed has requests queued by an older version to file (index_languages.lua).
return {redis.call('ZCARD', key('queue')), redis.call('HLEN', key('request-language'))}
