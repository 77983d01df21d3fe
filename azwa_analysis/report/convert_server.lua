-- Briefing conversions for azwa-analysis, run as `pandoc lua convert_server.lua`.
--
-- One pandoc process serves many documents: each line on stdin is a JSON request, each reply
-- one JSON line on stdout. A request names a work folder holding the markdown and its figures;
-- the markdown is parsed once and written as HTML, Word and Typst from the same document, with
-- the options the command-line route uses (`--standalone --embed-resources --toc`, the CSS,
-- `--reference-doc reference.docx`, `--template briefing.typ`). SOURCE_DATE_EPOCH is set per
-- request, so Word's timestamps are the as-of date, and the PDF's date is that day too.
--
-- Request: {dir, markdown, metadata{...}, epoch (a string), css, reference_doc, typst_template,
--           outputs{html,docx,typst}}
-- Reply:   {"ok": true} or {"ok": false, "error": "..."}

local json = pandoc.json

local function read_file(path)
  local handle = assert(io.open(path, 'rb'))
  local text = handle:read('a')
  handle:close()
  return text
end

local function write_file(path, data)
  local handle = assert(io.open(path, 'wb'))
  handle:write(data)
  handle:close()
end

local compiled = {}

local function template(path)
  if not compiled[path] then
    compiled[path] = pandoc.template.compile(read_file(path), path)
  end
  return compiled[path]
end

local html_template = pandoc.template.compile(pandoc.template.default('html5'))

-- The figure files referenced by the document, with another extension (Word takes PNG).
local function with_images(doc, replace)
  return doc:walk({ Image = function(image)
    image.src = replace(image.src)
    return image
  end })
end

local function to_html(doc, request)
  local embedded = with_images(doc, function(src)
    if src:match('%.svg$') then
      return pandoc.mediabag.make_data_uri('image/svg+xml', read_file(src))
    end
    return src
  end)
  embedded.meta['toc-title'] = 'Inhoud'
  if request.css then
    embedded.meta['header-includes'] = pandoc.MetaBlocks({ pandoc.RawBlock(
      'html', '<style type="text/css">' .. read_file(request.css) .. '</style>'
    ) })
  end
  return pandoc.write(embedded, 'html5', {
    template = html_template,
    table_of_contents = true,
    toc_depth = 2,
    -- with a stylesheet given, the command line leaves pandoc's default CSS out
    variables = { ['document-css'] = not request.css },
  })
end

-- The briefing's first block, `::: {custom-style="Kopregel"}` ("Gemeente X · date"), is what
-- Word's page header shows (a STYLEREF field in reference.docx).
local function is_kopregel(block)
  return block.t == 'Div' and block.attributes['custom-style'] == 'Kopregel'
end

-- A document without a Kopregel gets one from the metadata, so Word's header never reads
-- "Error! No text of specified style in document".
local function with_kopregel(doc)
  for _, block in ipairs(doc.blocks) do
    if is_kopregel(block) then return doc end
  end
  if not doc.meta.municipality then return doc end
  local line = 'Gemeente ' .. pandoc.utils.stringify(doc.meta.municipality)
  if doc.meta.asof then line = line .. ' · ' .. pandoc.utils.stringify(doc.meta.asof) end
  local blocks = doc.blocks:clone()
  blocks:insert(1, pandoc.Div({ pandoc.Para(line) }, { ['custom-style'] = 'Kopregel' }))
  return pandoc.Pandoc(blocks, doc.meta)
end

-- Word: the reference document gives the styles, A4, the header (the Kopregel) and the
-- footer (page x of y).
local function to_docx(doc, request)
  pandoc.mediabag.empty()
  local pictures = with_images(with_kopregel(doc), function(src)
    local png = src:gsub('%.svg$', '.png')
    pandoc.mediabag.insert(png, 'image/png', read_file(png))
    return png
  end)
  return pandoc.write(pictures, 'docx', { reference_doc = request.reference_doc })
end

-- The Typst template prints municipality and date in its own page header, from the metadata.
local function without_kopregel(doc)
  return doc:walk({ Div = function(div)
    if is_kopregel(div) then return {} end
  end })
end

-- The PDF's date (document info and XMP) is the as-of date, the day SOURCE_DATE_EPOCH names.
local function typst_date(epoch)
  local day = os.date('!*t', tonumber(epoch))
  return string.format('datetime(year: %d, month: %d, day: %d)', day.year, day.month, day.day)
end

local function to_typst(doc, request)
  return pandoc.write(without_kopregel(doc), 'typst', {
    template = template(request.typst_template),
    variables = { ['pdf-date'] = typst_date(request.epoch) },
  })
end

local function convert(request)
  local doc = pandoc.read(read_file(request.markdown), 'markdown')
  for key, value in pairs(request.metadata or {}) do
    doc.meta[key] = value
  end
  local outputs = request.outputs
  if outputs.html then write_file(outputs.html, to_html(doc, request)) end
  if outputs.docx then write_file(outputs.docx, to_docx(doc, request)) end
  if outputs.typst then write_file(outputs.typst, to_typst(doc, request)) end
end

while true do
  local line = io.read('l')
  if line == nil then break end
  local ok, err = pcall(function()
    local request = json.decode(line)
    pandoc.system.with_environment(
      { SOURCE_DATE_EPOCH = request.epoch },
      function()
        pandoc.system.with_working_directory(request.dir, function() convert(request) end)
      end
    )
  end)
  if ok then
    io.stdout:write(json.encode({ ok = true }), '\n')
  else
    io.stdout:write(json.encode({ ok = false, error = tostring(err) }), '\n')
  end
  io.stdout:flush()
end
