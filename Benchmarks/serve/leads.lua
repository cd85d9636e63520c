-- wrk script: POST /v1/leads with new leads every request (a lead's content is its key, so each one
-- is stored, never answered as a repeat). Leads per request: the first argument after --, default 1.
--   HANDOFF_API_TOKEN=... wrk -t2 -c32 -d20s -s leads.lua http://127.0.0.1:8420 -- 100
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  batch = tonumber(args[1]) or 1
  token = os.getenv("HANDOFF_API_TOKEN") or ""
  run = tostring(os.time()) .. "-" .. tostring(math.random(1000000))
end

local countries = { '"country": "DE", "employees": 4200', '"country": "US", "employees": 40', '"country": "FR", "employees": 1800', '"country": "BR"' }

local function lead()
  counter = counter + 1
  local n = run .. "-" .. tid .. "-" .. counter
  return '{"email": "buyer' .. n .. '@shop' .. n .. '.example", "company": "Shop ' .. n .. '", ' .. countries[counter % 4 + 1] .. '}'
end

function request()
  local body
  if batch == 1 then
    body = lead()
  else
    local parts = {}
    for i = 1, batch do parts[i] = lead() end
    body = "[" .. table.concat(parts, ",") .. "]"
  end
  return wrk.format("POST", "/v1/leads", { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end
