-- wrk: POST a JSON body (BODY; /v1/query by default) and, when SAMPLES names a file prefix, write each
-- response's overhead_ms to SAMPLES.<thread> (flushed every 64 samples).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer sk-bench"
wrk.body = os.getenv("BODY") or '{"query":"Multiply 17 by 23"}'

local counter = 0
function setup(thread)
    counter = counter + 1
    thread:set("id", counter)
end

function init(args)
    local prefix = os.getenv("SAMPLES")
    if prefix then out = io.open(prefix .. "." .. tostring(id), "w") end
    seen = 0
end

function response(status, headers, body)
    if not out then return end
    local v = string.match(body, '"overhead_ms":([%d%.eE%-]+)')
    if v then
        out:write(v, "\n")
        seen = seen + 1
        if seen % 64 == 0 then out:flush() end
    end
end
