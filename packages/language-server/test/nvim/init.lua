-- Minimal Neovim (0.7+) config for the end-to-end test: no plugins, only the built-in LSP client.
-- Opens the file given on the command line, attaches lhconf's language server, waits for its diagnostics,
-- writes the file with format-on-save (BufWritePre → formatting_sync), waits for the diagnostics of the
-- formatted text, dumps both sets as JSON to $LHCONF_E2E_OUT and quits. Any failure exits non-zero (cquit).
--   LHCONF_E2E_CMD   JSON array: the command that starts the server
--   LHCONF_E2E_CWD   the directory to start it in
--   LHCONF_E2E_ROOT  the workspace root (lighttpd's working directory for relative includes)
--   LHCONF_E2E_OUT   where to write { before = [...], after = [...] }
vim.opt.swapfile = false
vim.opt.shadafile = 'NONE'

local function fail(message)
  io.stderr:write('lhconf e2e: ' .. message .. '\n')
  vim.cmd('cquit 3')
end

local function json_encode(value)
  if vim.json and vim.json.encode then return vim.json.encode(value) end
  return vim.fn.json_encode(value)
end

local function main()
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'lighttpd'

  -- Remember the version of each publishDiagnostics, to know when the server has seen the formatted text.
  local published = {}
  local default_handler = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(e, result, ctx, config)
    default_handler(e, result, ctx, config)
    if result and vim.uri_to_bufnr(result.uri) == bufnr then published[#published + 1] = result.version or -1 end
  end

  local client_id = vim.lsp.start_client({
    name = 'lhconf',
    cmd = vim.fn.json_decode(vim.env.LHCONF_E2E_CMD),
    cmd_cwd = vim.env.LHCONF_E2E_CWD,
    root_dir = vim.env.LHCONF_E2E_ROOT,
    init_options = { debounceMs = 20 },
  })
  if not client_id then return fail('could not start the language server') end
  vim.lsp.buf_attach_client(bufnr, client_id)

  local function dump()
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local lsp = (d.user_data and d.user_data.lsp) or {}
      out[#out + 1] = { ruleId = lsp.code or d.code, line = d.lnum + 1, column = d.col + 1, message = d.message, severity = d.severity }
    end
    return out
  end

  local function wait_for_version(version, what)
    local seen = vim.wait(30000, function()
      for _, v in ipairs(published) do
        if v == version then return true end
      end
      return false
    end, 20)
    if not seen then error('no diagnostics ' .. what .. ' (published versions: ' .. table.concat(published, ',') .. ')') end
  end

  local client = vim.lsp.get_client_by_id(client_id)
  if not vim.wait(30000, function() return client.initialized end, 20) then error('the server did not initialize') end
  local opened = vim.lsp.util.buf_versions[bufnr]
  wait_for_version(opened, 'for the opened file')
  local before = dump()

  -- Format on save, as a user's config would set it up. Neovim 0.7 has formatting_sync; 0.8+ has format.
  vim.api.nvim_create_autocmd('BufWritePre', {
    buffer = bufnr,
    callback = function()
      if vim.lsp.buf.format then
        vim.lsp.buf.format({ bufnr = bufnr, timeout_ms = 10000 })
      else
        vim.lsp.buf.formatting_sync(nil, 10000)
      end
    end,
  })
  vim.cmd('write')
  if vim.lsp.util.buf_versions[bufnr] == opened then error('formatting on save changed nothing') end
  wait_for_version(vim.lsp.util.buf_versions[bufnr], 'for the formatted file')
  local after = dump()

  local file = io.open(vim.env.LHCONF_E2E_OUT, 'w')
  file:write(json_encode({ before = before, after = after, nvim = vim.version() }))
  file:close()
end

-- The file named on the command line is loaded after this script runs: start once it is.
-- `nested`: the write below must trigger our BufWritePre.
vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  nested = true,
  callback = function()
    local ok, err = pcall(main)
    if not ok then return fail(tostring(err)) end
    vim.cmd('qall!')
  end,
})
