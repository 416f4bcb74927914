-- Drives the bondc language server from Neovim's built-in LSP client, headless, the way a user's
-- config would. Inputs come from the environment (set by neovim.test.ts):
--   BONDC_SERVER  path of dist/bin/bondc.js (package.json bin)
--   BONDC_FILES   newline-separated .bond files to open, one buffer each
--   BONDC_OUT     where to write the JSON report
-- For each file it waits until the server has published diagnostics for it, records them, then
-- asks for completion at a new empty last line of the last file.

-- No swap files: another Neovim with the same files open (a second run of the suite, or a killed
-- one) would otherwise stop this headless one at the "swap file exists" prompt for good. `nvim -n`
-- comes into force only after this script, which already opens the files.
vim.o.swapfile = false

local server = os.getenv("BONDC_SERVER")
local out_path = os.getenv("BONDC_OUT")
local files = vim.split(os.getenv("BONDC_FILES") or "", "\n", { trimempty = true })
local report = { version = vim.version(), files = {}, errors = {} }
local published = {}

local function fail(message)
  table.insert(report.errors, message)
end

local config = {
  name = "bondc",
  cmd = { "node", server, "lsp", "--stdio" },
  root_dir = vim.fn.getcwd(),
  handlers = {
    ["textDocument/publishDiagnostics"] = function(err, result, ctx, cfg)
      published[result.uri] = true
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, cfg)
    end,
  },
}

-- vim.lsp.start (0.8+) finds or starts the client and attaches the current buffer; 0.7 has only
-- start_client + buf_attach_client, which is what vim.lsp.start does underneath.
local client_id
local function attach(bufnr)
  if vim.lsp.start then
    client_id = vim.lsp.start(config, { bufnr = bufnr })
  else
    client_id = client_id or vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
end

for _, file in ipairs(files) do
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = "bond"
  attach(bufnr)
  local uri = vim.uri_from_bufnr(bufnr)
  if not vim.wait(20000, function() return published[uri] == true end, 20) then
    fail("no diagnostics published for " .. file)
  end
  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(diagnostics, { line = d.lnum + 1, code = d.code or lsp.code, severity = d.severity, message = d.message })
  end
  report.files[file] = diagnostics
end

local client = client_id and vim.lsp.get_client_by_id(client_id)
if client then
  local caps = client.server_capabilities or client.resolved_capabilities
  report.capabilities = caps

  -- Completion at the end of the file: add an empty last line (an incremental didChange) and ask there.
  local bufnr = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_lines(bufnr, -1, -1, false, { "" })
  local last = vim.api.nvim_buf_line_count(bufnr) - 1
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = last, character = 0 } }
  local response = client.request_sync("textDocument/completion", params, 20000, bufnr)
  local labels = {}
  if response and response.result then
    for _, item in ipairs(response.result.items or response.result) do
      table.insert(labels, item.label)
    end
  else
    fail("completion failed: " .. vim.inspect(response))
  end
  report.completion = labels
else
  fail("the client did not start")
end

local fd = assert(io.open(out_path, "w"))
fd:write(vim.json.encode(report))
fd:close()
vim.cmd("qa!")
