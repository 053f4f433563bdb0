<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AblationPage</name>
    <message>
        <source>Text whose next token is predicted (masked LMs: put [MASK] where the word to predict goes)</source>
        <translation>要预测下一个词元的文本（掩码语言模型：在要预测的词的位置放 [MASK]）</translation>
    </message>
    <message>
        <source>Set to zero</source>
        <translation>置零</translation>
    </message>
    <message>
        <source>Replace by mean</source>
        <translation>替换为均值</translation>
    </message>
    <message>
        <source>Zero: the head&apos;s output becomes 0. Mean: it becomes its average over the text&apos;s tokens, which keeps its typical contribution and removes what depends on the token.</source>
        <translation>置零：该头的输出变为 0。均值：变为它在本文本各词元上的平均值，保留它的典型贡献，去掉随词元而变的部分。</translation>
    </message>
    <message>
        <source>top </source>
        <translation>前 </translation>
    </message>
    <message>
        <source>continue </source>
        <translation>续写 </translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 个词元</translation>
    </message>
    <message>
        <source>Greedy continuation with and without the heads</source>
        <translation>开着与关掉这些头时的贪心续写</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Compare the prediction with the chosen heads switched off</source>
        <translation>比较关掉所选头前后的预测</translation>
    </message>
    <message>
        <source>Layers to scan, e.g. 0-3 or 1,4,7 (* or all: every layer)</source>
        <translation>要扫描的层，例如 0-3 或 1,4,7（* 表示所有层）</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>Switch off each head of these layers on its own and colour the grid by how much the prediction changes (KL divergence)</source>
        <translation>逐个单独关掉这些层的每个头，并按预测变化的大小（KL 散度）给网格着色</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Switch every head on again</source>
        <translation>重新打开所有头</translation>
    </message>
    <message>
        <source>Click heads on the grid (a layer&apos;s label: all its heads), then Run.</source>
        <translation>在网格上点击头（点层标签：该层所有头），然后点“运行”。</translation>
    </message>
    <message>
        <source>✕ switched off · after a scan: redder = larger effect, • = the top token changes</source>
        <translation>✕ 已关掉 · 扫描后：越红 = 影响越大，• = 首选词元改变</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>p</source>
        <translation>p</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Probability with the heads off minus before</source>
        <translation>关掉头之后的概率减去之前的概率</translation>
    </message>
    <message>
        <source>&lt;b&gt;Before&lt;/b&gt;: all heads</source>
        <translation>&lt;b&gt;之前&lt;/b&gt;：所有头</translation>
    </message>
    <message>
        <source>&lt;b&gt;After&lt;/b&gt;: heads switched off</source>
        <translation>&lt;b&gt;之后&lt;/b&gt;：关掉所选头</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>⚠ {message} {hint}</source>
        <translation>⚠ {message}{hint}</translation>
    </message>
    <message>
        <source>Switched off: {heads}</source>
        <translation>已关掉：{heads}</translation>
    </message>
    <message>
        <source>No head is switched off.</source>
        <translation>没有关掉任何头。</translation>
    </message>
    <message>
        <source>⚠ No model is chosen. Pick one in the model picker at the top.</source>
        <translation>⚠ 尚未选择模型。请在顶部的模型选择器中选一个。</translation>
    </message>
    <message>
        <source>⚠ The text is empty. Type a text whose next token the model predicts.</source>
        <translation>⚠ 文本为空。请输入一段文本，让模型预测它的下一个词元。</translation>
    </message>
    <message>
        <source>⚠ No head is switched off. Click heads on the grid (or a layer&apos;s label) first.</source>
        <translation>⚠ 没有关掉任何头。请先在网格上点击头（或层标签）。</translation>
    </message>
    <message>
        <source>Running {model} with {n} heads switched off…</source>
        <translation>正在运行 {model}，关掉 {n} 个头…</translation>
    </message>
    <message>
        <source>Scanning heads one at a time…</source>
        <translation>正在逐个扫描头…</translation>
    </message>
    <message>
        <source>set to zero</source>
        <translation>置零</translation>
    </message>
    <message>
        <source>replaced by their mean over the text</source>
        <translation>替换为它们在文本上的均值</translation>
    </message>
    <message>
        <source>&lt;b&gt;After&lt;/b&gt;: heads {heads} {mode}</source>
        <translation>&lt;b&gt;之后&lt;/b&gt;：头 {heads} {mode}</translation>
    </message>
    <message>
        <source>Token id {id}</source>
        <translation>词元 id {id}</translation>
    </message>
    <message>
        <source>the token after the text</source>
        <translation>文本之后的词元</translation>
    </message>
    <message>
        <source>the [MASK] token (position {n})</source>
        <translation>[MASK] 词元（位置 {n}）</translation>
    </message>
    <message>
        <source>The top token changes: {a!r} → {b!r}.</source>
        <translation>首选词元改变：{a!r} → {b!r}。</translation>
    </message>
    <message>
        <source>The top token stays {a!r}.</source>
        <translation>首选词元仍是 {a!r}。</translation>
    </message>
    <message>
        <source>Prediction for {where}. KL(before ‖ after) = &lt;b&gt;{kl:.4g}&lt;/b&gt; nats. {change}</source>
        <translation>对{where}的预测。KL(之前 ‖ 之后) = &lt;b&gt;{kl:.4g}&lt;/b&gt; 奈特。{change}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Continuation, all heads:&lt;/b&gt; {a}&lt;br&gt;&lt;b&gt;Continuation, heads off:&lt;/b&gt; {b}</source>
        <translation>&lt;b&gt;续写（所有头）：&lt;/b&gt;{a}&lt;br&gt;&lt;b&gt;续写（关掉头）：&lt;/b&gt;{b}</translation>
    </message>
    <message>
        <source>Done: {n} heads {mode}.</source>
        <translation>完成：{n} 个头已{mode}。</translation>
    </message>
    <message>
        <source>Scan done ({n} heads). Largest effects: {best}. The original top token is {top!r} (p = {p:.3f}).</source>
        <translation>扫描完成（{n} 个头）。影响最大的：{best}。原来的首选词元是 {top!r}（p = {p:.3f}）。</translation>
    </message>
</context>
<context>
    <name>AnatomyDialog</name>
    <message>
        <source>Anatomy of {model}</source>
        <translation>{model} 的结构</translation>
    </message>
    <message>
        <source>What</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>In plain words</source>
        <translation>通俗解释</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Copy as JSON</source>
        <translation>复制为 JSON</translation>
    </message>
    <message>
        <source>The same document as workbench anatomy --json</source>
        <translation>与 workbench anatomy --json 相同的文档</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Reading the configuration of {model}…</source>
        <translation>正在读取 {model} 的配置…</translation>
    </message>
    <message>
        <source>Built from the configuration, without reading the weights.</source>
        <translation>由配置构建，未读取权重。</translation>
    </message>
    <message>
        <source>The loaded model.</source>
        <translation>已加载的模型。</translation>
    </message>
    <message>
        <source>{own:,} held directly by this module</source>
        <translation>本模块直接持有 {own:,} 个</translation>
    </message>
    <message>
        <source>shares {names} (counted there)</source>
        <translation>共享 {names}（计入该处）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Total: {n} parameters&lt;/b&gt; (each shared parameter counted once)</source>
        <translation>&lt;b&gt;合计：{n} 个参数&lt;/b&gt;（共享参数只计一次）</translation>
    </message>
</context>
<context>
    <name>AtlasPage</name>
    <message>
        <source>New atlas from a file…</source>
        <translation>从文件新建图谱…</translation>
    </message>
    <message>
        <source>A .txt (one text per line) or a CSV/TSV/JSONL column; up to millions of texts</source>
        <translation>.txt（每行一条）或 CSV/TSV/JSONL 的某一列；可达数百万条</translation>
    </message>
    <message>
        <source>Open atlas…</source>
        <translation>打开图谱…</translation>
    </message>
    <message>
        <source>The sentence-embedding model (a library name)</source>
        <translation>句向量模型（模型库中的名称）</translation>
    </message>
    <message>
        <source>PCA (any size, seconds)</source>
        <translation>PCA（任意规模，数秒）</translation>
    </message>
    <message>
        <source>t-SNE (neighbourhoods, minutes)</source>
        <translation>t-SNE（保留邻域，需数分钟）</translation>
    </message>
    <message>
        <source>t-SNE sample </source>
        <translation>t-SNE 样本 </translation>
    </message>
    <message>
        <source>t-SNE places at most this many texts (a seeded sample); PCA places all</source>
        <translation>t-SNE 最多放置这么多条文本（按种子抽样）；PCA 放置全部</translation>
    </message>
    <message>
        <source>clusters </source>
        <translation>聚类数 </translation>
    </message>
    <message>
        <source>no clusters</source>
        <translation>不聚类</translation>
    </message>
    <message>
        <source>Build</source>
        <translation>构建</translation>
    </message>
    <message>
        <source>Build the new atlas, or continue the open one where it stopped</source>
        <translation>构建新图谱，或从中断处继续已打开的图谱</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop: what is embedded stays on disk; Build continues from there</source>
        <translation>停止：已嵌入的部分保留在磁盘上，“构建”会从那里继续</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Build an atlas from a file of texts, or open one you built before.</source>
        <translation>从文本文件构建图谱，或打开以前构建的图谱。</translation>
    </message>
    <message>
        <source>Zoom in to see single texts; Shift+drag to select.</source>
        <translation>放大可看到单条文本；按住 Shift 拖动可框选。</translation>
    </message>
    <message>
        <source>Search by meaning…</source>
        <translation>按语义搜索…</translation>
    </message>
    <message>
        <source>Nothing selected (Shift+drag on the map).</source>
        <translation>尚未选择（在地图上按住 Shift 拖动）。</translation>
    </message>
    <message>
        <source>Export selection…</source>
        <translation>导出所选…</translation>
    </message>
    <message>
        <source>Nearest</source>
        <translation>最近邻</translation>
    </message>
    <message>
        <source>Clusters</source>
        <translation>聚类</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>所选</translation>
    </message>
    <message>
        <source>Texts for a new atlas</source>
        <translation>新图谱的文本</translation>
    </message>
    <message>
        <source>Texts (*.txt *.csv *.tsv *.jsonl);;All files (*)</source>
        <translation>文本 (*.txt *.csv *.tsv *.jsonl);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <source>Open an atlas folder</source>
        <translation>打开图谱文件夹</translation>
    </message>
    <message>
        <source>⚠ Choose a file of texts first (New atlas from a file…), or open an atlas.</source>
        <translation>⚠ 请先选择文本文件（从文件新建图谱…），或打开一个图谱。</translation>
    </message>
    <message>
        <source>Building the atlas in {folder}…</source>
        <translation>正在 {folder} 中构建图谱…</translation>
    </message>
    <message>
        <source>Opening {folder}…</source>
        <translation>正在打开 {folder}…</translation>
    </message>
    <message>
        <source>&lt;b&gt;{n}&lt;/b&gt; texts, {model}, {projection}: the map keeps {kept:.0%} of each text&apos;s 10 nearest neighbours; index recall@10 {recall:.0%}. Built in {time}.</source>
        <translation>&lt;b&gt;{n}&lt;/b&gt; 条文本，{model}，{projection}：地图保留了每条文本 10 个最近邻中的 {kept:.0%}；索引 recall@10 为 {recall:.0%}。构建用时 {time}。</translation>
    </message>
    <message>
        <source>#{i}: {text}</source>
        <translation>#{i}：{text}</translation>
    </message>
    <message>
        <source>⚠ {message} {hint}</source>
        <translation>⚠ {message} {hint}</translation>
    </message>
    <message>
        <source>{n} texts selected.</source>
        <translation>已选择 {n} 条文本。</translation>
    </message>
    <message>
        <source> The first {k} are listed; Export writes them all.</source>
        <translation> 列出了前 {k} 条；导出会写出全部。</translation>
    </message>
    <message>
        <source>Export the selection</source>
        <translation>导出所选内容</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Wrote {n} texts to {path}.</source>
        <translation>已将 {n} 条文本写入 {path}。</translation>
    </message>
</context>
<context>
    <name>AttentionHeatmap</name>
    <message>
        <source>id {ids}, bytes {data}</source>
        <translation>ID {ids}，字节 {data}</translation>
    </message>
    <message>
        <source>query (attending token)</source>
        <translation>查询（发出注意力的词元）</translation>
    </message>
    <message>
        <source>key (attended token)</source>
        <translation>键（被关注的词元）</translation>
    </message>
    <message>
        <source>attention weight</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>difference (B − A)</source>
        <translation>差值（B − A）</translation>
    </message>
    <message>
        <source>query &apos;{query}&apos; (#{row}{query_detail}) → key &apos;{key}&apos; (#{column}{key_detail}): {weight:.4f}</source>
        <translation>查询 &apos;{query}&apos;（#{row}{query_detail}）→ 键 &apos;{key}&apos;（#{column}{key_detail}）：{weight:.4f}</translation>
    </message>
</context>
<context>
    <name>AttentionMathPage</name>
    <message>
        <source>Text whose attention is computed</source>
        <translation>要计算其注意力的文本</translation>
    </message>
    <message>
        <source>layer </source>
        <translation>层 </translation>
    </message>
    <message>
        <source>head </source>
        <translation>头 </translation>
    </message>
    <message>
        <source>query </source>
        <translation>查询 </translation>
    </message>
    <message>
        <source>query: last token</source>
        <translation>查询：最后一个词元</translation>
    </message>
    <message>
        <source>The layer whose attention is computed (from 0)</source>
        <translation>要计算其注意力的层（从 0 开始）</translation>
    </message>
    <message>
        <source>The head (from 0)</source>
        <translation>注意力头（从 0 开始）</translation>
    </message>
    <message>
        <source>The query token: the position whose attention row is computed (from 0)</source>
        <translation>查询词元：计算其注意力行的位置（从 0 开始）</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Run the model once and work the attention formula through on its own numbers</source>
        <translation>运行一次模型，用它自己的数值把注意力公式逐步算一遍</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Copy as code</source>
        <translation>复制为代码</translation>
    </message>
    <message>
        <source>Copy a plain PyTorch program that computes the same numbers with forward hooks on the model&apos;s modules</source>
        <translation>复制一段纯 PyTorch 程序：在模型的模块上挂前向钩子，算出同样的数值</translation>
    </message>
    <message>
        <source>Choose a layer, head and query token, then Compute: every step of softmax(q·Kᵀ/√d_k + M)·V on this model&apos;s own numbers (M: the mask).</source>
        <translation>选择层、头和查询词元，然后点“计算”：用这个模型自己的数值走一遍 softmax(q·Kᵀ/√d_k + M)·V 的每一步（M 为掩码）。</translation>
    </message>
    <message>
        <source>⚠ No model is chosen. Pick a model in the model picker at the top.</source>
        <translation>⚠ 尚未选择模型。请在顶部的模型选择框中选择一个。</translation>
    </message>
    <message>
        <source>⚠ The text is empty. Type a sentence in the box above.</source>
        <translation>⚠ 文本为空。请在上方的输入框中输入一句话。</translation>
    </message>
    <message>
        <source>Computing attention step by step with {name}…</source>
        <translation>正在用 {name} 逐步计算注意力…</translation>
    </message>
    <message>
        <source>Copied a Python program that prints the same numbers (needs torch and transformers).</source>
        <translation>已复制一段打印同样数值的 Python 程序（需要 torch 和 transformers）。</translation>
    </message>
    <message>
        <source>{model}: layer {layer}, head {head}, query token {query} “{token}” · {n} tokens, d = {d}, d_k = {dk}, {heads} heads</source>
        <translation>{model}：第 {layer} 层，第 {head} 个头，查询词元 {query}“{token}” · {n} 个词元，d = {d}，d_k = {dk}，{heads} 个头</translation>
    </message>
    <message>
        <source>Softmax row = the attention weights the model returns (the heatmap&apos;s row): max error {err:.1e} (float32, allowed {tol:.0e})</source>
        <translation>softmax 行 = 模型返回的注意力权重（热力图中的那一行）：最大误差 {err:.1e}（float32，允许 {tol:.0e}）</translation>
    </message>
    <message>
        <source>Concat·W^O and the residual sum = the model&apos;s own intermediate outputs: max error {err:.1e} (allowed {tol:.0e})</source>
        <translation>Concat·W^O 与残差相加的结果 = 模型自己的中间输出：最大误差 {err:.1e}（允许 {tol:.0e}）</translation>
    </message>
    <message>
        <source>The steps above do not reproduce this model exactly: treat them as an approximation.</source>
        <translation>以上步骤没有精确复现这个模型：请把它们当作近似。</translation>
    </message>
    <message>
        <source>1. X: the hidden states entering the attention</source>
        <translation>1. X：进入注意力的隐藏状态</translation>
    </message>
    <message>
        <source>One row per token. This is what layer {layer}&apos;s attention reads: the block&apos;s input after its own norm (for post-norm models such as BERT, the block&apos;s input itself).</source>
        <translation>每个词元一行。这是第 {layer} 层注意力读入的内容：该块的输入经过它自己的归一化之后（对 BERT 这类后归一化模型，就是块的输入本身）。</translation>
    </message>
    <message>
        <source>Rows in the heatmaps: tokens; hover a cell for its value.</source>
        <translation>热力图的行是词元；鼠标悬停在格子上可看数值。</translation>
    </message>
    <message>
        <source>X ({shape})</source>
        <translation>X（{shape}）</translation>
    </message>
    <message>
        <source>Each head has its own slice of the projections: W_Q, W_K, W_V are {d}×{dk} here, so q has d_k = {dk} numbers, and K and V a row per token.</source>
        <translation>每个头有自己的一份投影矩阵切片：这里 W_Q、W_K、W_V 都是 {d}×{dk}，所以 q 有 d_k = {dk} 个数，K 和 V 每个词元一行。</translation>
    </message>
    <message>
        <source>Grouped-query attention: {heads} query heads share {kv} K/V heads; query head {head} reads K/V head {kv_head}.</source>
        <translation>分组查询注意力（GQA）：{heads} 个查询头共用 {kv} 个 K/V 头；查询头 {head} 读取 K/V 头 {kv_head}。</translation>
    </message>
    <message>
        <source>2. q, K, V: this head&apos;s projections</source>
        <translation>2. q、K、V：这个头的投影</translation>
    </message>
    <message>
        <source>{name}ᵀ ({shape}; shown transposed)</source>
        <translation>{name}ᵀ（{shape}；转置后显示）</translation>
    </message>
    <message>
        <source>before the per-head norm and the rotation</source>
        <translation>（逐头归一化和旋转之前）</translation>
    </message>
    <message>
        <source>before rotation</source>
        <translation>（旋转之前）</translation>
    </message>
    <message>
        <source>before the per-head norm</source>
        <translation>（逐头归一化之前）</translation>
    </message>
    <message>
        <source>q ({shape})</source>
        <translation>q（{shape}）</translation>
    </message>
    <message>
        <source>K ({shape})</source>
        <translation>K（{shape}）</translation>
    </message>
    <message>
        <source>V ({shape})</source>
        <translation>V（{shape}）</translation>
    </message>
    <message>
        <source>q {before} ({shape})</source>
        <translation>q {before}（{shape}）</translation>
    </message>
    <message>
        <source>K {before} ({shape})</source>
        <translation>K {before}（{shape}）</translation>
    </message>
    <message>
        <source>2b. Rotary position embedding: position enters here</source>
        <translation>2b. 旋转位置编码（RoPE）：位置信息在这里进入</translation>
    </message>
    <message>
        <source>Pairs of q&apos;s and k&apos;s numbers are rotated by an angle proportional to the token&apos;s position, so q′·k′ depends on how far apart the two tokens are. This model adds no position embedding to its input; the rotation is the only place position enters.</source>
        <translation>q 和 k 的数值两两成对，按与词元位置成正比的角度旋转，因此 q′·k′ 取决于两个词元相距多远。这个模型的输入里没有加位置嵌入；旋转是位置信息唯一进入的地方。</translation>
    </message>
    <message>
        <source>1 (no scaling)</source>
        <translation>1（不缩放）</translation>
    </message>
    <message>
        <source>3. Scores, scale, mask, softmax</source>
        <translation>3. 分数、缩放、掩码、softmax</translation>
    </message>
    <message>
        <source>q·k_j says how well token j&apos;s key matches the query; the scale keeps the scores from growing with d_k; the mask M adds −∞ (a very large negative number) where the query may not look, so those weights become 0; the softmax turns the row into weights that sum to 1.</source>
        <translation>q·k_j 表示词元 j 的键与查询有多匹配；缩放让分数不随 d_k 增大而变大；掩码 M 在查询不能看的位置加上 −∞（一个非常大的负数），使那些权重变为 0；softmax 把这一行变成总和为 1 的权重。</translation>
    </message>
    <message>
        <source>a: the softmax row over the {n} keys</source>
        <translation>a：对 {n} 个键的 softmax 行</translation>
    </message>
    <message>
        <source>4. The head&apos;s output: the weighted sum of the V rows</source>
        <translation>4. 这个头的输出：V 各行的加权和</translation>
    </message>
    <message>
        <source>The query token takes a mix of the value vectors, in the proportions of its weights.</source>
        <translation>查询词元按自己的权重比例，把各个值向量混合起来。</translation>
    </message>
    <message>
        <source>o ({shape})</source>
        <translation>o（{shape}）</translation>
    </message>
    <message>
        <source>Every head computes its own o the same way; their outputs side by side ({heads}×{dk} = {width} numbers, this head framed) are multiplied by W^O and added to the residual stream h, the hidden state entering the block.</source>
        <translation>每个头都用同样的方法算出自己的 o；把它们并排拼接（{heads}×{dk} = {width} 个数，框出的是这个头），乘以 W^O，再加到残差流 h（进入该块的隐藏状态）上。</translation>
    </message>
    <message>
        <source>This block normalises the sum afterwards (post-norm).</source>
        <translation>这个块在相加之后再做归一化（后归一化）。</translation>
    </message>
    <message>
        <source>This model normalises the attention output before adding it.</source>
        <translation>这个模型先对注意力输出做归一化，再把它加上去。</translation>
    </message>
    <message>
        <source>5. All heads: concatenated, times W^O, added to the residual</source>
        <translation>5. 所有头：拼接、乘以 W^O、加到残差上</translation>
    </message>
    <message>
        <source>Concat ({shape})</source>
        <translation>拼接 Concat（{shape}）</translation>
    </message>
    <message>
        <source>MultiHead: the attention output ({shape})</source>
        <translation>MultiHead：注意力输出（{shape}）</translation>
    </message>
    <message>
        <source>h: the residual stream entering the block ({shape})</source>
        <translation>h：进入该块的残差流（{shape}）</translation>
    </message>
    <message>
        <source>h′: the hidden state after attention ({shape}), as the model has it</source>
        <translation>h′：注意力之后的隐藏状态（{shape}），取自模型本身</translation>
    </message>
    <message>
        <source>key token</source>
        <translation>键词元</translation>
    </message>
    <message>
        <source>× scale</source>
        <translation>× 缩放</translation>
    </message>
    <message>
        <source>+ bias</source>
        <translation>+ 偏置</translation>
    </message>
    <message>
        <source>mask</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>weight a</source>
        <translation>权重 a</translation>
    </message>
    <message>
        <source>model&apos;s weight</source>
        <translation>模型的权重</translation>
    </message>
    <message>
        <source>causal</source>
        <translation>因果</translation>
    </message>
    <message>
        <source>sliding window</source>
        <translation>滑动窗口</translation>
    </message>
    <message>
        <source>padding</source>
        <translation>填充</translation>
    </message>
</context>
<context>
    <name>AttentionTab</name>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>头</translation>
    </message>
    <message>
        <source>Entropy (bits)</source>
        <translation>熵（比特）</translation>
    </message>
    <message>
        <source>Sink (first token)</source>
        <translation>汇聚（首个词元）</translation>
    </message>
    <message>
        <source>Previous token</source>
        <translation>前一个词元</translation>
    </message>
    <message>
        <source>Self (diagonal)</source>
        <translation>自身（对角线）</translation>
    </message>
    <message>
        <source>(same model)</source>
        <translation>（同一模型）</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>热力图</translation>
    </message>
    <message>
        <source>Computed</source>
        <translation>计算过程</translation>
    </message>
    <message>
        <source>Switch heads off</source>
        <translation>关掉注意力头</translation>
    </message>
    <message>
        <source>The text is empty.</source>
        <translation>文本为空。</translation>
    </message>
    <message>
        <source>Type a sentence to see where the model&apos;s attention goes.</source>
        <translation>输入一句话，看看模型的注意力落在哪里。</translation>
    </message>
    <message>
        <source>No model is chosen.</source>
        <translation>尚未选择模型。</translation>
    </message>
    <message>
        <source>Pick a model in the model picker at the top.</source>
        <translation>请在顶部的模型选择框中选择一个模型。</translation>
    </message>
    <message>
        <source>Capturing attention of {name}…</source>
        <translation>正在捕获 {name} 的注意力…</translation>
    </message>
    <message>
        <source>Capture cancelled.</source>
        <translation>捕获已取消。</translation>
    </message>
    <message>
        <source>Capture failed; see the message above.</source>
        <translation>捕获失败；请查看上方的消息。</translation>
    </message>
    <message>
        <source>{model}: {architecture}, {layers} layers × {heads} heads, {n} tokens, captured in {seconds:.2f} s; {size} held {storage}</source>
        <translation>{model}：{architecture}，{layers} 层 × {heads} 头，{n} 个词元，用时 {seconds:.2f} 秒捕获；占用 {size} {storage}</translation>
    </message>
    <message>
        <source>decoder</source>
        <translation>解码器</translation>
    </message>
    <message>
        <source>encoder</source>
        <translation>编码器</translation>
    </message>
    <message>
        <source>encoder-decoder</source>
        <translation>编码器-解码器</translation>
    </message>
    <message>
        <source>(8-bit: a long input; head table and overview exact)</source>
        <translation>(8 位存储：输入较长；头统计表和总览仍为精确值)</translation>
    </message>
    <message>
        <source>Computing the view…</source>
        <translation>正在计算视图…</translation>
    </message>
    <message>
        <source>Hover over the map to read a weight; drag to pan, wheel to zoom.</source>
        <translation>鼠标悬停可读取权重；拖动平移，滚轮缩放。</translation>
    </message>
    <message>
        <source>Export attention</source>
        <translation>导出注意力</translation>
    </message>
    <message>
        <source>Nothing is captured yet.</source>
        <translation>尚未捕获任何内容。</translation>
    </message>
    <message>
        <source>Capture attention first.</source>
        <translation>请先捕获注意力。</translation>
    </message>
    <message>
        <source>Nothing is shown yet.</source>
        <translation>尚未显示任何内容。</translation>
    </message>
    <message>
        <source>{path} could not be written: {error}.</source>
        <translation>无法写入 {path}：{error}。</translation>
    </message>
    <message>
        <source>Choose another folder.</source>
        <translation>请选择其他文件夹。</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Step {n}</source>
        <translation>第 {n} 步</translation>
    </message>
    <message>
        <source>Last token</source>
        <translation>最后一个词元</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <source>System prompt (optional): how the assistant should behave</source>
        <translation>系统提示（可选）：助手应如何表现</translation>
    </message>
    <message>
        <source>The conversation so far; double-click a message to edit it</source>
        <translation>目前的对话；双击消息即可编辑</translation>
    </message>
    <message>
        <source>Your message; Generate sends it</source>
        <translation>你的消息；点击“生成”发送</translation>
    </message>
    <message>
        <source>Saved conversations (kept on disk)</source>
        <translation>已保存的对话（保存在磁盘上）</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Start a new conversation</source>
        <translation>开始新对话</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Rename this conversation</source>
        <translation>重命名此对话</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete this conversation from disk</source>
        <translation>从磁盘删除此对话</translation>
    </message>
    <message>
        <source>Edit the selected message</source>
        <translation>编辑所选消息</translation>
    </message>
    <message>
        <source>Remove the selected message</source>
        <translation>移除所选消息</translation>
    </message>
    <message>
        <source>Replace the last answer with a new one</source>
        <translation>用新的回答替换最后一条回答</translation>
    </message>
    <message>
        <source>Let the model go on with its last answer</source>
        <translation>让模型接着写完最后一条回答</translation>
    </message>
    <message>
        <source>The message is empty.</source>
        <translation>消息为空。</translation>
    </message>
    <message>
        <source>Type a message for the model to answer.</source>
        <translation>请输入一条消息让模型回答。</translation>
    </message>
    <message>
        <source>There is no answer to continue.</source>
        <translation>没有可以继续的回答。</translation>
    </message>
    <message>
        <source>Generate an answer first.</source>
        <translation>请先生成一个回答。</translation>
    </message>
    <message>
        <source>The other conversations are available.</source>
        <translation>其他对话仍可使用。</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>{role}: {text}</source>
        <translation>{role}：{text}</translation>
    </message>
    <message>
        <source>The conversation could not be saved: {error}</source>
        <translation>无法保存对话：{error}</translation>
    </message>
    <message>
        <source>Check the disk space and rights.</source>
        <translation>请检查磁盘空间和权限。</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>删除对话</translation>
    </message>
    <message>
        <source>Delete &apos;{name}&apos; from disk?</source>
        <translation>要从磁盘删除“{name}”吗？</translation>
    </message>
    <message>
        <source>No message is selected.</source>
        <translation>没有选中消息。</translation>
    </message>
    <message>
        <source>Click a message in the conversation first.</source>
        <translation>请先在对话中点击一条消息。</translation>
    </message>
    <message>
        <source>Edit message</source>
        <translation>编辑消息</translation>
    </message>
</context>
<context>
    <name>ComparePanel</name>
    <message>
        <source>Run both on the prompt</source>
        <translation>两侧都用该提示运行</translation>
    </message>
    <message>
        <source>Generate from the same prompt on side A, then side B</source>
        <translation>用同一个提示先在 A 侧、再在 B 侧生成</translation>
    </message>
    <message>
        <source>Model for side {name}</source>
        <translation>{name} 侧的模型</translation>
    </message>
    <message>
        <source>Settings for side {name}: a preset, or the current controls</source>
        <translation>{name} 侧的设置：某个预设，或当前控件的设置</translation>
    </message>
    <message>
        <source>int8</source>
        <translation>int8</translation>
    </message>
    <message>
        <source>Current controls</source>
        <translation>当前控件</translation>
    </message>
    <message>
        <source>waiting…</source>
        <translation>等待中…</translation>
    </message>
    <message>
        <source>generating on {name}…</source>
        <translation>正在用 {name} 生成…</translation>
    </message>
    <message>
        <source> · mean token probability {p:.1f} %</source>
        <translation> · 平均词元概率 {p:.1f} %</translation>
    </message>
    <message>
        <source>{n} tokens · {speed:.1f} tokens/s</source>
        <translation>{n} 个词元 · {speed:.1f} 词元/秒</translation>
    </message>
</context>
<context>
    <name>CompareRuns</name>
    <message>
        <source>Tick the runs to compare (any number)</source>
        <translation>勾选要比较的运行（数量不限）</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Validation perplexity per token</source>
        <translation>每个词元的验证困惑度</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>characters</source>
        <translation>字符</translation>
    </message>
    <message>
        <source>BPE</source>
        <translation>BPE</translation>
    </message>
    <message>
        <source>words</source>
        <translation>词</translation>
    </message>
    <message>
        <source>{order}-gram, {n} n-grams, {tokenizer}</source>
        <translation>{order} 元语法，{n} 个 n 元组，{tokenizer}</translation>
    </message>
    <message>
        <source>{arch} {layers}×{hidden}, {params} parameters, {tokenizer}</source>
        <translation>{arch} {layers}×{hidden}，{params} 个参数，{tokenizer}</translation>
    </message>
    <message>
        <source> – final perplexity {ppl:.2f}</source>
        <translation> – 最终困惑度 {ppl:.2f}</translation>
    </message>
    <message>
        <source>Tick runs on the left to compare them.</source>
        <translation>在左侧勾选运行即可比较。</translation>
    </message>
</context>
<context>
    <name>ContextsPage</name>
    <message>
        <source>Word:</source>
        <translation>词：</translation>
    </message>
    <message>
        <source>the word to follow, e.g. bank</source>
        <translation>要跟踪的词，例如 bank</translation>
    </message>
    <message>
        <source>Sentences that contain the word, one per line</source>
        <translation>包含这个词的句子，每行一句</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>&apos;bank&apos; by a river and &apos;bank&apos; for money</source>
        <translation>河边的“bank”（河岸）和存钱的“bank”（银行）</translation>
    </message>
    <message>
        <source>Compare contexts</source>
        <translation>比较上下文</translation>
    </message>
    <message>
        <source>The word&apos;s vector in each sentence at every layer, compared by cosine</source>
        <translation>这个词在每个句子中、每一层的向量，用余弦相似度比较</translation>
    </message>
    <message>
        <source>cosine similarity</source>
        <translation>余弦相似度</translation>
    </message>
    <message>
        <source>No analysis yet. Follow one word through the layers: its vector in each sentence is compared by cosine at every layer, so you see where &apos;bank&apos; by a river and &apos;bank&apos; for money split apart.</source>
        <translation>尚无分析结果。逐层跟踪一个词：在每一层用余弦相似度比较它在各个句子中的向量，从而看到河边的“bank”和存钱的“bank”从哪一层开始分开。</translation>
    </message>
    <message>
        <source>&apos;{word}&apos;: cosine between its vectors in each pair of sentences</source>
        <translation>“{word}”：它在每对句子中的向量之间的余弦相似度</translation>
    </message>
    <message>
        <source>layer (0 = the embedding output)</source>
        <translation>层（0 = 嵌入层输出）</translation>
    </message>
    <message>
        <source>Layer 0 is the embedding output (token plus position where the model adds one); each later point is one layer. Pieces per sentence — {pieces}.</source>
        <translation>第 0 层是嵌入层输出（词元嵌入，模型有位置嵌入时再加上位置嵌入）；之后每个点是一层。各句的片段 — {pieces}。</translation>
    </message>
    <message>
        <source>An encoder-decoder: these are the encoder&apos;s layers.</source>
        <translation>这是编码器-解码器模型：这里显示的是编码器的各层。</translation>
    </message>
    <message>
        <source>The chart shows the first {k} of {n} pairs; the matrix shows them all.</source>
        <translation>图表显示 {n} 对中的前 {k} 对；矩阵显示全部。</translation>
    </message>
    <message>
        <source>Layer: {name}</source>
        <translation>层：{name}</translation>
    </message>
</context>
<context>
    <name>DataPage</name>
    <message>
        <source>Classification (text → label)</source>
        <translation>分类（文本 → 标签）</translation>
    </message>
    <message>
        <source>Causal LM (text, or prompt → response)</source>
        <translation>因果语言模型（文本，或提示 → 回复）</translation>
    </message>
    <message>
        <source>Seq2seq (source → target)</source>
        <translation>序列到序列（源文本 → 目标文本）</translation>
    </message>
    <message>
        <source>Open file…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <source>A CSV, TSV or JSONL file with a header row (Ctrl+O)</source>
        <translation>带表头行的 CSV、TSV 或 JSONL 文件（Ctrl+O）</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Load 320 labelled sentences for sentiment classification</source>
        <translation>载入 320 条带标签的情感分类句子</translation>
    </message>
    <message>
        <source>No file yet: open a CSV, TSV or JSONL file, or try the example.</source>
        <translation>尚未打开文件：请打开 CSV、TSV 或 JSONL 文件，或试试示例。</translation>
    </message>
    <message>
        <source>Hold out a random share</source>
        <translation>随机留出一部分</translation>
    </message>
    <message>
        <source>Split column</source>
        <translation>划分列</translation>
    </message>
    <message>
        <source>Second file</source>
        <translation>第二个文件</translation>
    </message>
    <message>
        <source>Rows held out for validation, chosen at random with the seed</source>
        <translation>留作验证的行，按随机种子随机选取</translation>
    </message>
    <message>
        <source>seed </source>
        <translation>种子 </translation>
    </message>
    <message>
        <source>Validation file…</source>
        <translation>验证文件…</translation>
    </message>
    <message>
        <source>Task:</source>
        <translation>任务：</translation>
    </message>
    <message>
        <source>Validation:</source>
        <translation>验证集：</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>&lt;b&gt;Checks&lt;/b&gt; (click a problem to see its row)</source>
        <translation>&lt;b&gt;检查&lt;/b&gt;（点击问题可查看对应的行）</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt;: {rows} rows, {columns} columns</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;：{rows} 行，{columns} 列</translation>
    </message>
    <message>
        <source> (showing the first {n})</source>
        <translation>（显示前 {n} 行）</translation>
    </message>
    <message>
        <source>This file cannot be used; see the message above.</source>
        <translation>无法使用此文件；请查看上方的消息。</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>正在检查每一行…</translation>
    </message>
    <message>
        <source>, {n} warning</source>
        <translation>，{n} 个警告</translation>
    </message>
    <message>
        <source>, {n} warnings</source>
        <translation>，{n} 个警告</translation>
    </message>
    <message>
        <source>{n} error block training</source>
        <translation>{n} 个错误导致无法训练</translation>
    </message>
    <message>
        <source>{n} errors block training</source>
        <translation>{n} 个错误导致无法训练</translation>
    </message>
    <message>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Ready&lt;/b&gt;: {train} training rows, {eval} validation rows</source>
        <translation>&lt;b&gt;就绪&lt;/b&gt;：{train} 行训练数据，{eval} 行验证数据</translation>
    </message>
    <message>
        <source>, no problems</source>
        <translation>，没有问题</translation>
    </message>
    <message>
        <source> Classes: {counts}.</source>
        <translation> 类别：{counts}。</translation>
    </message>
    <message>
        <source>Choose the column that says which rows are for validation.</source>
        <translation>请选择标明哪些行用于验证的列。</translation>
    </message>
    <message>
        <source>{role}:</source>
        <translation>{role}：</translation>
    </message>
    <message>
        <source>{role} (optional):</source>
        <translation>{role}（可选）：</translation>
    </message>
    <message>
        <source>a text column, or a prompt and a response</source>
        <translation>一个文本列，或提示列加回复列</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Open training data</source>
        <translation>打开训练数据</translation>
    </message>
    <message>
        <source>Tables (*.csv *.tsv *.txt *.jsonl);;All files (*)</source>
        <translation>表格 (*.csv *.tsv *.txt *.jsonl);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open validation data</source>
        <translation>打开验证数据</translation>
    </message>
</context>
<context>
    <name>DownloadsController</name>
    <message>
        <source>Stopped before it finished; resume continues from the bytes on disk.</source>
        <translation>下载未完成即停止；继续时从磁盘上已有的字节接着下载。</translation>
    </message>
    <message>
        <source>, {size} were already on disk</source>
        <translation>，其中 {size} 已在磁盘上</translation>
    </message>
    <message>
        <source>{n} files verified in {time} ({size} downloaded{resumed}).</source>
        <translation>{n} 个文件已在 {time} 内校验完毕（下载了 {size}{resumed}）。</translation>
    </message>
    <message>
        <source>{name} is ready in the library: {message}</source>
        <translation>{name} 已加入模型库：{message}</translation>
    </message>
    <message>
        <source>Paused; resume continues from the bytes on disk.</source>
        <translation>已暂停；继续时从磁盘上已有的字节接着下载。</translation>
    </message>
    <message>
        <source>Cancelled {name}.</source>
        <translation>已取消 {name}。</translation>
    </message>
    <message>
        <source>Type a hub model id first.</source>
        <translation>请先输入 Hub 模型 ID。</translation>
    </message>
    <message>
        <source>For example HuggingFaceTB/SmolLM2-135M-Instruct.</source>
        <translation>例如 HuggingFaceTB/SmolLM2-135M-Instruct。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a hub model id.</source>
        <translation>&apos;{name}&apos; 不是有效的 Hub 模型 ID。</translation>
    </message>
    <message>
        <source>Use organisation/name.</source>
        <translation>请使用“组织/名称”格式。</translation>
    </message>
</context>
<context>
    <name>DownloadsPage</name>
    <message>
        <source>Set token…</source>
        <translation>设置令牌…</translation>
    </message>
    <message>
        <source>Store a hub access token (needed for gated and private models)</source>
        <translation>保存 Hub 访问令牌（受限模型和私有模型需要）</translation>
    </message>
    <message>
        <source>Clear token</source>
        <translation>清除令牌</translation>
    </message>
    <message>
        <source>Who am I?</source>
        <translation>我是谁？</translation>
    </message>
    <message>
        <source>Ask the hub whose token is stored</source>
        <translation>向 Hub 查询已保存的令牌属于谁</translation>
    </message>
    <message>
        <source>Offline mode</source>
        <translation>离线模式</translation>
    </message>
    <message>
        <source>Never contact the hub; models on this computer keep working (also HF_HUB_OFFLINE=1)</source>
        <translation>从不连接 Hub；本机上的模型照常可用（也可设置 HF_HUB_OFFLINE=1）</translation>
    </message>
    <message>
        <source>Resume all</source>
        <translation>全部继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop for now; resume continues from the bytes on disk</source>
        <translation>暂时停止；继续时从磁盘上已有的字节接着下载</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Continue where it stopped</source>
        <translation>从中断处继续</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Try a failed download again from where it stopped</source>
        <translation>从中断处重试失败的下载</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop and remove it from the queue (bytes already fetched stay in the cache, so a later download of the same files continues from them)</source>
        <translation>停止并从队列中移除（已下载的字节保留在缓存中，以后再下载同样的文件时会接着下载）</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>清除已完成</translation>
    </message>
    <message>
        <source>Remove finished downloads from the list</source>
        <translation>从列表中移除已完成的下载</translation>
    </message>
    <message>
        <source>organisation/name</source>
        <translation>组织/名称</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Download this hub model (all its files)</source>
        <translation>下载这个 Hub 模型（全部文件）</translation>
    </message>
    <message>
        <source>Hub token:</source>
        <translation>Hub 令牌：</translation>
    </message>
    <message>
        <source>Model id:</source>
        <translation>模型 ID：</translation>
    </message>
    <message>
        <source>{n} download did not finish last time ({names}).</source>
        <translation>上次有 {n} 个下载未完成（{names}）。</translation>
    </message>
    <message>
        <source>{n} downloads did not finish last time ({names}).</source>
        <translation>上次有 {n} 个下载未完成（{names}）。</translation>
    </message>
    <message>
        <source>Resume continues from the bytes already on disk.</source>
        <translation>继续时会从磁盘上已有的字节接着下载。</translation>
    </message>
    <message>
        <source> ({n} files)</source>
        <translation>（{n} 个文件）</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>a token is stored (press Who am I? to check it)</source>
        <translation>已保存令牌（点击“我是谁？”可检查）</translation>
    </message>
    <message>
        <source>none (public models need none)</source>
        <translation>无（公开模型不需要令牌）</translation>
    </message>
    <message>
        <source>Hub token</source>
        <translation>Hub 令牌</translation>
    </message>
    <message>
        <source>Paste a read token from your hub account settings (Access Tokens):</source>
        <translation>粘贴你在 Hub 账户设置（Access Tokens）中创建的读取令牌：</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Offline: the hub is not contacted; the library keeps working.</source>
        <translation>离线：不连接 Hub；模型库照常可用。</translation>
    </message>
    <message>
        <source>Online: search and downloads use the hub.</source>
        <translation>在线：搜索和下载使用 Hub。</translation>
    </message>
</context>
<context>
    <name>EmbeddingsTab</name>
    <message>
        <source>Words</source>
        <translation>词语</translation>
    </message>
    <message>
        <source>Sentences</source>
        <translation>句子</translation>
    </message>
    <message>
        <source>Contexts</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>Atlas</source>
        <translation>图谱</translation>
    </message>
    <message>
        <source>Word vectors</source>
        <translation>词向量训练</translation>
    </message>
    <message>
        <source>No analysis yet.</source>
        <translation>尚无分析结果。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the running computation (Esc)</source>
        <translation>停止正在进行的计算（Esc）</translation>
    </message>
    <message>
        <source>Model: &lt;b&gt;{name}&lt;/b&gt; (choose another in the model picker at the top)</source>
        <translation>模型：&lt;b&gt;{name}&lt;/b&gt;（可在顶部的模型选择框中换一个）</translation>
    </message>
    <message>
        <source>No model is chosen: pick one in the model picker at the top.</source>
        <translation>尚未选择模型：请在顶部的模型选择框中选择一个。</translation>
    </message>
    <message>
        <source>No model is chosen.</source>
        <translation>尚未选择模型。</translation>
    </message>
    <message>
        <source>Pick a model in the model picker at the top.</source>
        <translation>请在顶部的模型选择框中选择一个模型。</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Failed; see the message above.</source>
        <translation>失败；请查看上方的消息。</translation>
    </message>
    <message>
        <source>Finding the nearest words…</source>
        <translation>正在查找最近的词…</translation>
    </message>
    <message>
        <source>Solving the analogy…</source>
        <translation>正在求解类比…</translation>
    </message>
    <message>
        <source>Comparing words…</source>
        <translation>正在比较词…</translation>
    </message>
    <message>
        <source>Load texts</source>
        <translation>载入文本</translation>
    </message>
    <message>
        <source>Text or table files (*.txt *.csv *.tsv *.jsonl);;All files (*)</source>
        <translation>文本或表格文件 (*.txt *.csv *.tsv *.jsonl);;所有文件 (*)</translation>
    </message>
    <message>
        <source>, labelled by &apos;{column}&apos;</source>
        <translation>，按“{column}”列标注</translation>
    </message>
    <message>
        <source>Loaded {n} texts from {file}{labelled}.</source>
        <translation>已从 {file} 载入 {n} 条文本{labelled}。</translation>
    </message>
    <message>
        <source>A map needs at least two texts.</source>
        <translation>映射至少需要两条文本。</translation>
    </message>
    <message>
        <source>Type or paste texts, one per line, or press Example.</source>
        <translation>请输入或粘贴文本，每行一条，或点击“示例”。</translation>
    </message>
    <message>
        <source>Embedding {n} texts…</source>
        <translation>正在嵌入 {n} 条文本…</translation>
    </message>
    <message>
        <source>Mapped {n} texts in {s:.1f} s.</source>
        <translation>已映射 {n} 条文本，用时 {s:.1f} 秒。</translation>
    </message>
    <message>
        <source>Nearest to #{n}: {text}</source>
        <translation>最接近 #{n} 的：{text}</translation>
    </message>
    <message>
        <source>Reading the sentences layer by layer…</source>
        <translation>正在逐层读取句子…</translation>
    </message>
    <message>
        <source>Compared &apos;{word}&apos; in {n} sentences over {layers} layers.</source>
        <translation>已在 {n} 个句子、{layers} 层上比较了“{word}”。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>{path} could not be written: {reason}.</source>
        <translation>无法写入 {path}：{reason}。</translation>
    </message>
    <message>
        <source>Choose another folder.</source>
        <translation>请选择其他文件夹。</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Copied a transformers program that prints the same numbers.</source>
        <translation>已复制一段输出相同数值的 transformers 程序。</translation>
    </message>
</context>
<context>
    <name>EngineChoice</name>
    <message>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>transformers</source>
        <translation>transformers</translation>
    </message>
    <message>
        <source>llama.cpp</source>
        <translation>llama.cpp</translation>
    </message>
    <message>
        <source>Not installed. {hint}</source>
        <translation>未安装。{hint}</translation>
    </message>
    <message>
        <source>Cannot run on this computer: {reason} {hint}</source>
        <translation>无法在这台电脑上运行：{reason} {hint}</translation>
    </message>
    <message>
        <source>transformers: exact, and the attention, lens and attribution views can look inside.
llama.cpp: runs the GGUF file directly (no conversion), several times faster on a CPU; the token table still shows each token&apos;s top alternatives.</source>
        <translation>transformers：结果精确，注意力、透镜和归因视图可以查看模型内部。
llama.cpp：直接运行 GGUF 文件（无需转换），在 CPU 上快好几倍；词元表仍会显示每个词元的主要候选。</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>Details…</source>
        <translation>详细信息…</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
</context>
<context>
    <name>ErrorInfo</name>
    <message>
        <source>The computer ran out of memory.</source>
        <translation>计算机内存不足。</translation>
    </message>
    <message>
        <source>Use a smaller model, a shorter input or a smaller dtype.</source>
        <translation>请换用更小的模型、更短的输入或更小的 dtype。</translation>
    </message>
    <message>
        <source>This is unexpected; the details and the log say where it happened.</source>
        <translation>这是意外错误；详细信息和日志会说明出错的位置。</translation>
    </message>
    <message>
        <source>⚠ {message} {hint}</source>
        <translation>⚠ {message} {hint}</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>F16: exact half-precision weights (largest)</source>
        <translation>F16：精确的半精度权重（最大）</translation>
    </message>
    <message>
        <source>BF16: bfloat16 weights, float32&apos;s range</source>
        <translation>BF16：bfloat16 权重，数值范围与 float32 相同</translation>
    </message>
    <message>
        <source>Q8_0: 8-bit, nearly lossless, half the size</source>
        <translation>Q8_0：8 位，几乎无损，大小减半</translation>
    </message>
    <message>
        <source>Q4_K_M: 4-bit, a quarter of the size, a little less accurate</source>
        <translation>Q4_K_M：4 位，约四分之一大小，精度略低</translation>
    </message>
    <message>
        <source>Q4_0: 4-bit, the simplest and most widely read</source>
        <translation>Q4_0：4 位，最简单、支持最广</translation>
    </message>
    <message>
        <source>Export to GGUF</source>
        <translation>导出为 GGUF</translation>
    </message>
    <message>
        <source>Write &lt;b&gt;{model}&lt;/b&gt; as one GGUF file, with its tokenizer and chat template, for llama.cpp, LM Studio or Ollama. A LoRA run is merged into its base model first. The 8- and 4-bit types are made by llama.cpp&apos;s own quantizer.</source>
        <translation>把 &lt;b&gt;{model}&lt;/b&gt; 写成一个 GGUF 文件（包含分词器和对话模板），供 llama.cpp、LM Studio 或 Ollama 使用。LoRA 训练会先合并进基础模型。8 位和 4 位类型由 llama.cpp 自带的量化器生成。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>GGUF files (*.gguf)</source>
        <translation>GGUF 文件 (*.gguf)</translation>
    </message>
    <message>
        <source>Exporting {model}…</source>
        <translation>正在导出 {model}…</translation>
    </message>
    <message>
        <source>Wrote {path} ({size}, {seconds:.1f} s). It is in the library as {name} and runs on the llama.cpp engine.</source>
        <translation>已写入 {path}（{size}，{seconds:.1f} 秒）。它已作为 {name} 加入模型库，可在 llama.cpp 引擎上运行。</translation>
    </message>
</context>
<context>
    <name>ExportRow</name>
    <message>
        <source>Save the picture as PNG</source>
        <translation>将图片保存为 PNG</translation>
    </message>
    <message>
        <source>Save the picture as SVG</source>
        <translation>将图片保存为 SVG</translation>
    </message>
    <message>
        <source>Save the numbers (numpy .npz)</source>
        <translation>保存数值（numpy .npz）</translation>
    </message>
    <message>
        <source>Save the numbers as CSV</source>
        <translation>将数值保存为 CSV</translation>
    </message>
    <message>
        <source>Copy as code</source>
        <translation>复制为代码</translation>
    </message>
    <message>
        <source>Copy a plain transformers program that reproduces these numbers</source>
        <translation>复制一段能复现这些数值的纯 transformers 程序</translation>
    </message>
</context>
<context>
    <name>FinetuneResults</name>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Max steps</source>
        <translation>最大步数</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>LoRA rank</source>
        <translation>LoRA 秩</translation>
    </message>
    <message>
        <source>LoRA alpha</source>
        <translation>LoRA alpha</translation>
    </message>
    <message>
        <source>LoRA targets</source>
        <translation>LoRA 目标层</translation>
    </message>
    <message>
        <source>LoRA dropout</source>
        <translation>LoRA dropout</translation>
    </message>
    <message>
        <source>Warm-up</source>
        <translation>预热</translation>
    </message>
    <message>
        <source>Validation loss: base model {base:.3f} → fine-tuned {tuned:.3f}. The model learned from the data.</source>
        <translation>验证损失：基础模型 {base:.3f} → 微调后 {tuned:.3f}。模型从数据中学到了东西。</translation>
    </message>
    <message>
        <source>Validation loss: base model {base:.3f} → fine-tuned {tuned:.3f}. It did not improve: the model has not learned from this data (try more epochs, a higher learning rate or more rows).</source>
        <translation>验证损失：基础模型 {base:.3f} → 微调后 {tuned:.3f}。没有改善：模型没有从这些数据中学到东西（试试更多轮数、更高的学习率或更多的行）。</translation>
    </message>
    <message>
        <source>Seed {seed}</source>
        <translation>种子 {seed}</translation>
    </message>
    <message>
        <source>data SHA-256 {hash}</source>
        <translation>数据 SHA-256 {hash}</translation>
    </message>
    <message>
        <source>base model {hash}</source>
        <translation>基础模型 {hash}</translation>
    </message>
    <message>
        <source>full determinism</source>
        <translation>完全确定性</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <source>Fine-tuned</source>
        <translation>微调后</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>期望</translation>
    </message>
    <message>
        <source>{changed} of {n} held-out answers changed (in bold).</source>
        <translation>{n} 条留出数据的回答中有 {changed} 条变了（加粗显示）。</translation>
    </message>
    <message>
        <source>(no answer)</source>
        <translation>（无回答）</translation>
    </message>
</context>
<context>
    <name>FinetuneTab</name>
    <message>
        <source>Train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Eval loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>fits</source>
        <translation>放得下</translation>
    </message>
    <message>
        <source>tight</source>
        <translation>勉强</translation>
    </message>
    <message>
        <source>will not fit</source>
        <translation>放不下</translation>
    </message>
    <message>
        <source>The training process could not start: {error}</source>
        <translation>无法启动训练进程：{error}</translation>
    </message>
    <message>
        <source>1. Data</source>
        <translation>1. 数据</translation>
    </message>
    <message>
        <source>2. Train</source>
        <translation>2. 训练</translation>
    </message>
    <message>
        <source>3. Runs</source>
        <translation>3. 运行记录</translation>
    </message>
    <message>
        <source>From scratch</source>
        <translation>从零训练</translation>
    </message>
    <message>
        <source>Ready to start.</source>
        <translation>可以开始了。</translation>
    </message>
    <message>
        <source>Fix the errors on the Data page to start.</source>
        <translation>请先修正“数据”页上的错误。</translation>
    </message>
    <message>
        <source>Estimating: running a few real training steps…</source>
        <translation>正在估算：真实运行几步训练…</translation>
    </message>
    <message>
        <source>&lt;b&gt;About {time}&lt;/b&gt; for {steps} steps ({per_step:.2f} s per step on {device}). Peak memory {peak} of {available}: &lt;b&gt;{verdict}&lt;/b&gt;.</source>
        <translation>&lt;b&gt;约 {time}&lt;/b&gt;，共 {steps} 步（在 {device} 上每步 {per_step:.2f} 秒）。峰值内存 {peak}，可用 {available}：&lt;b&gt;{verdict}&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>The estimate failed; see the message above.</source>
        <translation>估算失败；请查看上方的消息。</translation>
    </message>
    <message>
        <source>The estimate could not run.</source>
        <translation>无法运行估算。</translation>
    </message>
    <message>
        <source>The data has problems that block training.</source>
        <translation>数据存在问题，无法训练。</translation>
    </message>
    <message>
        <source>Fix the rows listed under Checks on the Data page.</source>
        <translation>请修正“数据”页“检查”中列出的行。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Starting the training process (run folder {path}).</source>
        <translation>正在启动训练进程（运行文件夹 {path}）。</translation>
    </message>
    <message>
        <source>step {step} of {steps} – about {time} left</source>
        <translation>第 {step}/{steps} 步 – 约剩 {time}</translation>
    </message>
    <message>
        <source>Checkpoint saved at step {step}.</source>
        <translation>已在第 {step} 步保存检查点。</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Finished in {time}: {metrics}. The model is in the library as {name}.</source>
        <translation>用时 {time} 完成：{metrics}。模型已以 {name} 加入模型库。</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source> (Runs page → Resume)</source>
        <translation>（“运行记录”页 → 继续）</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Training failed: {error}</source>
        <translation>训练失败：{error}</translation>
    </message>
    <message>
        <source>The training process stopped unexpectedly (exit code {code}).</source>
        <translation>训练进程意外停止（退出码 {code}）。</translation>
    </message>
    <message>
        <source>Its log (Log button) says what it was doing. Resume from the last checkpoint on the Runs page.</source>
        <translation>它的日志（“日志”按钮）记录了当时在做什么。可在“运行记录”页从最近的检查点继续。</translation>
    </message>
    <message>
        <source>Cancelling: stopping after this step and saving a checkpoint…</source>
        <translation>正在取消：本步结束后停止并保存检查点…</translation>
    </message>
    <message>
        <source>Log of {name}</source>
        <translation>{name} 的日志</translation>
    </message>
    <message>
        <source>Nothing has been logged yet.</source>
        <translation>尚无日志。</translation>
    </message>
    <message>
        <source>Charts: {name}</source>
        <translation>图表：{name}</translation>
    </message>
    <message>
        <source> (solid) and {name} (dashed)</source>
        <translation>（实线）与 {name}（虚线）</translation>
    </message>
    <message>
        <source>Comparing {name} with its base model on held-out rows…</source>
        <translation>正在用留出数据对比 {name} 与其基础模型…</translation>
    </message>
</context>
<context>
    <name>FormatChoice</name>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Constrain the answer: at each step the tokens that cannot continue the format are removed before sampling. The token table&apos;s &quot;After&quot; column shows which the format filtered out.</source>
        <translation>约束回答：每一步在采样前去掉不能延续该格式的词元。词元表的“过滤后”一列显示格式过滤掉了哪些。</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>载入…</translation>
    </message>
    <message>
        <source>Load a JSON schema from a file</source>
        <translation>从文件载入 JSON 模式</translation>
    </message>
    <message>
        <source>Paste a JSON schema, e.g. {example}</source>
        <translation>粘贴一个 JSON 模式，例如 {example}</translation>
    </message>
    <message>
        <source>A regular expression the whole answer must match, e.g. [0-9]{3}-[0-9]{4}</source>
        <translation>整个回答必须匹配的正则表达式，例如 [0-9]{3}-[0-9]{4}</translation>
    </message>
    <message>
        <source>One choice per line</source>
        <translation>每行一个选项</translation>
    </message>
    <message>
        <source>Load a JSON schema</source>
        <translation>载入 JSON 模式</translation>
    </message>
    <message>
        <source>JSON schema (*.json);;All files (*)</source>
        <translation>JSON 模式 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot read {path}: {error}</source>
        <translation>无法读取 {path}：{error}</translation>
    </message>
    <message>
        <source>Output formats run on the transformers engine only.</source>
        <translation>输出格式只能在 transformers 引擎上使用。</translation>
    </message>
</context>
<context>
    <name>GenerateController</name>
    <message>
        <source>No model is chosen.</source>
        <translation>尚未选择模型。</translation>
    </message>
    <message>
        <source>Pick a model in the toolbar (Models tab lists them).</source>
        <translation>请在工具栏中选择模型（“模型”页列出了所有模型）。</translation>
    </message>
    <message>
        <source>Loading {name}…</source>
        <translation>正在加载 {name}…</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source> Beam search shows its tokens only when it is done.</source>
        <translation> 束搜索在结束后才显示词元。</translation>
    </message>
    <message>
        <source>, seed {seed}</source>
        <translation>，种子 {seed}</translation>
    </message>
    <message>
        <source> (int8 weights: output may differ from float32)</source>
        <translation>（int8 权重：输出可能与 float32 不同）</translation>
    </message>
    <message>
        <source>length</source>
        <translation>长度上限</translation>
    </message>
    <message>
        <source>stop</source>
        <translation>停止字符串</translation>
    </message>
    <message>
        <source>eos</source>
        <translation>结束符</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>{n} tokens · {speed:.1f} tokens/s · first token after {ttft:.2f} s · finished by {reason}</source>
        <translation>{n} 个词元 · {speed:.1f} 词元/秒 · 首个词元用时 {ttft:.2f} 秒 · 结束原因：{reason}</translation>
    </message>
    <message>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <source>Format: the grammar changed the model&apos;s top choice at {changed} of {steps} steps (&quot;filtered out&quot; in the token table).</source>
        <translation>格式：在 {steps} 步中有 {changed} 步，语法改变了模型的首选（见词元表中的“已过滤”）。</translation>
    </message>
    <message>
        <source>Stopped before the first token.</source>
        <translation>在生成第一个词元之前已停止。</translation>
    </message>
    <message>
        <source>The model wanted “{wanted}”, but the format did not allow it.</source>
        <translation>模型想要“{wanted}”，但格式不允许。</translation>
    </message>
    <message>
        <source>Token #{n}</source>
        <translation>词元 #{n}</translation>
    </message>
    <message>
        <source>The token count appears after the first run.</source>
        <translation>第一次运行后会显示词元数。</translation>
    </message>
    <message>
        <source>Copied a transformers program for this model and these settings.</source>
        <translation>已复制适用于此模型和这些设置的 transformers 程序。</translation>
    </message>
    <message>
        <source>Copied to the clipboard:</source>
        <translation>已复制到剪贴板：</translation>
    </message>
</context>
<context>
    <name>GenerateTab</name>
    <message>
        <source>Token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Prob</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>After</source>
        <translation>过滤后</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Entropy</source>
        <translation>熵</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Before filters</source>
        <translation>过滤前</translation>
    </message>
    <message>
        <source>After filters</source>
        <translation>过滤后</translation>
    </message>
    <message>
        <source>int8 weights: faster on the CPU, but the numbers differ slightly from float32, so the text and probabilities may differ too.</source>
        <translation>int8 权重：在 CPU 上更快，但数值与 float32 略有不同，所以生成的文本和概率也可能不同。</translation>
    </message>
    <message>
        <source>filtered out</source>
        <translation>已过滤</translation>
    </message>
    <message>
        <source>main</source>
        <translation>主分支</translation>
    </message>
    <message>
        <source>from #{fork} of branch {branch}</source>
        <translation>分支 {branch} 的第 #{fork} 个词元起</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>编写</translation>
    </message>
    <message>
        <source>Prompt tokens</source>
        <translation>提示词元</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Inspect token</source>
        <translation>检查词元</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation>删除消息</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
</context>
<context>
    <name>Glossary</name>
    <message>
        <source>“{variant}” is another name for {term} ({english}).</source>
        <translation>“{variant}”是“{term}”（{english}）的另一种说法。</translation>
    </message>
    <message>
        <source>Also written: {names}</source>
        <translation>也写作：{names}</translation>
    </message>
    <message>
        <source>Look up “{term}” in the glossary</source>
        <translation>在术语表中查找“{term}”</translation>
    </message>
</context>
<context>
    <name>GlossaryDialog</name>
    <message>
        <source>Glossary</source>
        <translation>术语表</translation>
    </message>
    <message>
        <source>Search in English or Chinese, e.g. attention, 困惑度, 密钥</source>
        <translation>用中文或英文搜索，例如 attention、困惑度、密钥</translation>
    </message>
    <message>
        <source>Open the lesson</source>
        <translation>打开相关课程</translation>
    </message>
    <message>
        <source>No term matches “{text}”.</source>
        <translation>没有与“{text}”匹配的术语。</translation>
    </message>
    <message>
        <source>Show it in {view}</source>
        <translation>在“{view}”中查看</translation>
    </message>
</context>
<context>
    <name>HeadGrid</name>
    <message>
        <source>Head: click for this head in every layer</source>
        <translation>头：点击选中每一层的这个头</translation>
    </message>
    <message>
        <source>Layer: click for all heads of this layer</source>
        <translation>层：点击选中这一层的所有头</translation>
    </message>
    <message>
        <source>L{n}</source>
        <translation>L{n}</translation>
    </message>
    <message>
        <source>Head {layer}.{head}: {state}</source>
        <translation>头 {layer}.{head}：{state}</translation>
    </message>
    <message>
        <source>switched off</source>
        <translation>已关掉</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开着</translation>
    </message>
    <message>
        <source>Alone switched off: KL {kl:.4g} nats; original top token now p = {p:.4f}; top token {top!r}{changed}</source>
        <translation>单独关掉时：KL {kl:.4g} 奈特；原首选词元现在 p = {p:.4f}；首选词元 {top!r}{changed}</translation>
    </message>
    <message>
        <source> (changed)</source>
        <translation>（已改变）</translation>
    </message>
</context>
<context>
    <name>HeadStatsModel</name>
    <message>
        <source>Layer index</source>
        <translation>层序号</translation>
    </message>
    <message>
        <source>Head index</source>
        <translation>头序号</translation>
    </message>
    <message>
        <source>Mean entropy of a row: low = focused, high = spread out</source>
        <translation>每行的平均熵：低 = 集中，高 = 分散</translation>
    </message>
    <message>
        <source>Mean attention to the first token (an &apos;attention sink&apos;)</source>
        <translation>对首个词元的平均注意力（“注意力汇聚点”）</translation>
    </message>
    <message>
        <source>Mean attention to the token just before (self-attention only)</source>
        <translation>对紧邻前一个词元的平均注意力（仅自注意力）</translation>
    </message>
    <message>
        <source>Mean attention of a token to itself (self-attention only)</source>
        <translation>词元对自身的平均注意力（仅自注意力）</translation>
    </message>
</context>
<context>
    <name>HeatmapPage</name>
    <message>
        <source>Text to look at, e.g. The cat sat on the mat because it was tired.</source>
        <translation>要查看的文本，例如 The cat sat on the mat because it was tired.</translation>
    </message>
    <message>
        <source>Optional: sentence B (encoders) or target (encoder-decoders)</source>
        <translation>可选：句子 B（编码器）或目标文本（编码器-解码器）</translation>
    </message>
    <message>
        <source>Encoders read it as the second text of a pair; encoder-decoders as the decoder text (leave empty to generate it).</source>
        <translation>编码器把它作为句对的第二段文本；编码器-解码器把它作为解码器文本（留空则自动生成）。</translation>
    </message>
    <message>
        <source>generate </source>
        <translation>生成 </translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 个词元</translation>
    </message>
    <message>
        <source>Generate this many tokens first (greedy), then scrub through the steps</source>
        <translation>先（贪心）生成这么多词元，再逐步查看每一步</translation>
    </message>
    <message>
        <source>Capture</source>
        <translation>捕获</translation>
    </message>
    <message>
        <source>Run the model once and record every layer&apos;s and head&apos;s attention (Ctrl+Return)</source>
        <translation>运行一次模型，记录每一层、每个头的注意力（Ctrl+Return）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Capture a second input or model too, and show a difference map when the tokens match</source>
        <translation>同时捕获第二个输入或模型，词元一致时显示差值图</translation>
    </message>
    <message>
        <source>input B (empty: same text)</source>
        <translation>输入 B（留空：同一文本）</translation>
    </message>
    <message>
        <source>Which attention: self, or for encoder-decoders encoder, decoder and cross-attention</source>
        <translation>哪种注意力：自注意力；编码器-解码器模型可选编码器、解码器和交叉注意力</translation>
    </message>
    <message>
        <source>One head, or a summary: mean/max over the layer&apos;s heads, mean over layers, or attention rollout (Abnar &amp; Zuidema 2020)</source>
        <translation>单个头，或汇总：本层各头的平均/最大值、各层平均，或注意力展开（Abnar &amp; Zuidema 2020）</translation>
    </message>
    <message>
        <source>layer </source>
        <translation>层 </translation>
    </message>
    <message>
        <source>head </source>
        <translation>头 </translation>
    </message>
    <message>
        <source>Layer (PageUp/PageDown)</source>
        <translation>层（PageUp/PageDown）</translation>
    </message>
    <message>
        <source>Head (Alt+Left/Alt+Right)</source>
        <translation>头（Alt+Left/Alt+Right）</translation>
    </message>
    <message>
        <source>Special tokens ([CLS], &lt;s&gt;, …) often soak up attention. Keep them, or drop them and renormalise each row to sum to one (the labels on the plot say which).</source>
        <translation>特殊词元（[CLS]、&lt;s&gt; 等）常常吸走大量注意力。可以保留它们，或者去掉后把每行重新归一化为和为 1（图上的标签会注明）。</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>按词</translation>
    </message>
    <message>
        <source>Merge subword pieces into words: sum over a word&apos;s key pieces, mean over its query pieces</source>
        <translation>把子词片段合并成词：键方向对词的各片段求和，查询方向取平均</translation>
    </message>
    <message>
        <source>With Compare: show input A, input B, or their difference</source>
        <translation>对比时：显示输入 A、输入 B 或两者之差</translation>
    </message>
    <message>
        <source>Generation step: the matrix grows a row per generated token</source>
        <translation>生成步：每生成一个词元，矩阵增加一行</translation>
    </message>
    <message>
        <source>Generate tokens (the &apos;generate&apos; box) to see each step&apos;s choice.</source>
        <translation>生成若干词元（“生成”框）后，可查看每一步的选择。</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>总览</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>各头</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Capture attention to begin.</source>
        <translation>捕获注意力以开始。</translation>
    </message>
    <message>
        <source>Save the current view as a PNG image</source>
        <translation>将当前视图保存为 PNG 图片</translation>
    </message>
    <message>
        <source>Save the current view as an SVG drawing</source>
        <translation>将当前视图保存为 SVG 矢量图</translation>
    </message>
    <message>
        <source>Save the shown matrix with its token labels</source>
        <translation>保存当前矩阵及其词元标签</translation>
    </message>
    <message>
        <source>Save everything captured (numpy .npz)</source>
        <translation>保存捕获的全部数据（numpy .npz）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Export:</source>
        <translation>导出：</translation>
    </message>
    <message>
        <source>{step}/{steps}: picked &apos;{token}&apos; (p = {p:.2f})</source>
        <translation>{step}/{steps}：选中 &apos;{token}&apos;（p = {p:.2f}）</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>选中</translation>
    </message>
    <message>
        <source>Top candidates</source>
        <translation>候选最高项</translation>
    </message>
</context>
<context>
    <name>HubPages</name>
    <message>
        <source>Most downloads</source>
        <translation>下载最多</translation>
    </message>
    <message>
        <source>Most likes</source>
        <translation>点赞最多</translation>
    </message>
    <message>
        <source>Recently updated</source>
        <translation>最近更新</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Likes</source>
        <translation>点赞</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Gated</source>
        <translation>受限</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>fits</source>
        <translation>放得下</translation>
    </message>
    <message>
        <source>tight</source>
        <translation>勉强</translation>
    </message>
    <message>
        <source>will not fit</source>
        <translation>放不下</translation>
    </message>
    <message>
        <source>This model has no model card.</source>
        <translation>此模型没有模型卡片。</translation>
    </message>
    <message>
        <source>gated</source>
        <translation>受限</translation>
    </message>
    <message>
        <source>Gated: accept the licence on the model&apos;s hub page and set a token before downloading.</source>
        <translation>受限：下载前需在该模型的 Hub 页面上接受许可证并设置令牌。</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>下载中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>InputsPage</name>
    <message>
        <source>Inputs</source>
        <translation>输入嵌入</translation>
    </message>
    <message>
        <source>Text (sentence A)</source>
        <translation>文本（句子 A）</translation>
    </message>
    <message>
        <source>Optional: sentence B (BERT-style models read a pair)</source>
        <translation>可选：句子 B（BERT 类模型读取句对）</translation>
    </message>
    <message>
        <source>With a second text, a BERT-style model reads [CLS] A [SEP] B [SEP]: the tokens of B get segment id 1</source>
        <translation>有第二段文本时，BERT 类模型读取 [CLS] A [SEP] B [SEP]：B 的词元句段编号为 1</translation>
    </message>
    <message>
        <source>Show embeddings</source>
        <translation>显示嵌入</translation>
    </message>
    <message>
        <source>Run the model&apos;s embedding layer on the text and show each part</source>
        <translation>在文本上运行模型的嵌入层，并显示每个组成部分</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>segment</source>
        <translation>句段</translation>
    </message>
    <message>
        <source>position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>The input strip: each token with its segment id (A = 0, B = 1) and position id</source>
        <translation>输入条：每个词元及其句段编号（A = 0，B = 1）和位置编号</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>‖token‖</source>
        <translation>‖词元‖</translation>
    </message>
    <message>
        <source>‖position‖</source>
        <translation>‖位置‖</translation>
    </message>
    <message>
        <source>‖segment‖</source>
        <translation>‖句段‖</translation>
    </message>
    <message>
        <source>‖sum‖</source>
        <translation>‖和‖</translation>
    </message>
    <message>
        <source>‖LayerNorm‖</source>
        <translation>‖LayerNorm‖</translation>
    </message>
    <message>
        <source>cos(token, position)</source>
        <translation>cos(词元, 位置)</translation>
    </message>
    <message>
        <source>cos(token, segment)</source>
        <translation>cos(词元, 句段)</translation>
    </message>
    <message>
        <source>cos(sum, LayerNorm)</source>
        <translation>cos(和, LayerNorm)</translation>
    </message>
    <message>
        <source>Length (L2 norm) of the token&apos;s row of the embedding table</source>
        <translation>该词元在嵌入表中那一行的长度（L2 范数）</translation>
    </message>
    <message>
        <source>Cosine similarity: 1 = same direction, 0 = unrelated, −1 = opposite</source>
        <translation>余弦相似度：1 = 方向相同，0 = 无关，−1 = 方向相反</translation>
    </message>
    <message>
        <source>The first components of each vector for the chosen token</source>
        <translation>所选词元每个向量的前几个分量</translation>
    </message>
    <message>
        <source>Type a text and press Show embeddings.</source>
        <translation>输入一段文本，然后点击“显示嵌入”。</translation>
    </message>
    <message>
        <source>⚠ No model is chosen. Pick a model in the model picker at the top.</source>
        <translation>⚠ 尚未选择模型。请在顶部的模型选择器中选择一个模型。</translation>
    </message>
    <message>
        <source>⚠ The text is empty. Type a sentence to see its input embeddings.</source>
        <translation>⚠ 文本为空。请输入一个句子来查看它的输入嵌入。</translation>
    </message>
    <message>
        <source>Running the embedding layer of {model}…</source>
        <translation>正在运行 {model} 的嵌入层…</translation>
    </message>
    <message>
        <source>(each a vector of {d} numbers)</source>
        <translation>（每个都是 {d} 个数的向量）</translation>
    </message>
    <message>
        <source>LayerNorm(sum)</source>
        <translation>LayerNorm(和)</translation>
    </message>
    <message>
        <source>the sum</source>
        <translation>和向量</translation>
    </message>
    <message>
        <source>Check: {what} computed here vs what the model passes to its first layer: max |difference| = {err:.1e}</source>
        <translation>核对：这里算出的 {what} 与模型传给第一层的内容相比，最大 |差值| = {err:.1e}</translation>
    </message>
    <message>
        <source>{model}: {n} tokens.</source>
        <translation>{model}：{n} 个词元。</translation>
    </message>
    <message>
        <source>id {id}</source>
        <translation>ID {id}</translation>
    </message>
    <message>
        <source>token embedding</source>
        <translation>词元嵌入</translation>
    </message>
    <message>
        <source>segment embedding</source>
        <translation>句段嵌入</translation>
    </message>
    <message>
        <source>position embedding</source>
        <translation>位置嵌入</translation>
    </message>
    <message>
        <source>sum</source>
        <translation>和</translation>
    </message>
    <message>
        <source>LayerNorm</source>
        <translation>LayerNorm</translation>
    </message>
    <message>
        <source>Token {i} “{token}” (id {id}): the first {k} of {d} components</source>
        <translation>第 {i} 个词元“{token}”（ID {id}）：{d} 个分量中的前 {k} 个</translation>
    </message>
</context>
<context>
    <name>LearnTab</name>
    <message>
        <source>&lt;b&gt;Lessons&lt;/b&gt;</source>
        <translation>&lt;b&gt;课程&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Lessons folder</source>
        <translation>课程文件夹</translation>
    </message>
    <message>
        <source>Open the folder where your own lesson files (*.yaml) go</source>
        <translation>打开存放自制课程文件（*.yaml）的文件夹</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Read the lesson files again</source>
        <translation>重新读取课程文件</translation>
    </message>
    <message>
        <source>Restart lesson</source>
        <translation>重新开始本课</translation>
    </message>
    <message>
        <source>Forget which steps of this lesson are done and start at the first</source>
        <translation>清除本课已完成的步骤，从第一步重新开始</translation>
    </message>
    <message>
        <source>Open the view that shows this, with its inputs filled in, and run it</source>
        <translation>打开演示这一内容的界面，自动填好输入并运行</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Ask the model</source>
        <translation>让模型回答</translation>
    </message>
    <message>
        <source>Compute the answer with the model itself (nothing is written in the lesson)</source>
        <translation>由模型当场算出答案（课程文件里没有写答案）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Done, next step</source>
        <translation>完成，下一步</translation>
    </message>
    <message>
        <source>Mark this step done (kept for next time) and go on</source>
        <translation>把这一步标记为已完成（下次打开时仍会记得），然后继续</translation>
    </message>
    <message>
        <source>Some lesson files could not be read:</source>
        <translation>有些课程文件无法读取：</translation>
    </message>
    <message>
        <source>No lessons found.</source>
        <translation>没有找到课程。</translation>
    </message>
    <message>
        <source>Open {view}</source>
        <translation>打开“{view}”</translation>
    </message>
    <message>
        <source>Done, finish the lesson</source>
        <translation>完成，结束本课</translation>
    </message>
    <message>
        <source>Lesson finished. Pick another one on the left, or restart this one.</source>
        <translation>本课已学完。可以在左侧选择其他课程，或重新开始本课。</translation>
    </message>
    <message>
        <source>The lesson&apos;s model {model} is not installed; using {chosen} instead.</source>
        <translation>课程指定的模型 {model} 未安装，改用 {chosen}。</translation>
    </message>
    <message>
        <source>⚠ The lesson&apos;s views open in the main window only.</source>
        <translation>⚠ 课程中的界面只能在主窗口中打开。</translation>
    </message>
    <message>
        <source>⚠ {message} {hint}</source>
        <translation>⚠ {message}{hint}</translation>
    </message>
    <message>
        <source>Asking the model…</source>
        <translation>正在询问模型…</translation>
    </message>
</context>
<context>
    <name>LibraryController</name>
    <message>
        <source>Loading {name}</source>
        <translation>正在加载 {name}</translation>
    </message>
    <message>
        <source>Loaded {name} ({kind}) on {device} in {dtype} in {seconds:.1f} s.</source>
        <translation>已在 {device} 上以 {dtype} 加载 {name}（{kind}），用时 {seconds:.1f} 秒。</translation>
    </message>
    <message>
        <source>Every tab now uses {name}.</source>
        <translation>所有页面现在都使用 {name}。</translation>
    </message>
    <message>
        <source>Unloading {name} after its running job ends (stop the job to unload it now)…</source>
        <translation>正在运行的任务结束后卸载 {name}（停止该任务可立即卸载）…</translation>
    </message>
    <message>
        <source>Unloading {name}…</source>
        <translation>正在卸载 {name}…</translation>
    </message>
    <message>
        <source>Unloaded {name}.</source>
        <translation>已卸载 {name}。</translation>
    </message>
    <message>
        <source>Imported {file} as {name}.</source>
        <translation>已将 {file} 导入为 {name}。</translation>
    </message>
    <message>
        <source>Importing {name}</source>
        <translation>正在导入 {name}</translation>
    </message>
    <message>
        <source>Removing {name}</source>
        <translation>正在移除 {name}</translation>
    </message>
</context>
<context>
    <name>LibraryPage</name>
    <message>
        <source>Filter by name, kind or architecture…</source>
        <translation>按名称、类型或架构筛选…</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>加载</translation>
    </message>
    <message>
        <source>Load the selected model into memory</source>
        <translation>把所选模型加载到内存</translation>
    </message>
    <message>
        <source>Use in all tabs</source>
        <translation>在所有页面使用</translation>
    </message>
    <message>
        <source>Make it the model every tab works with</source>
        <translation>让所有页面都使用这个模型</translation>
    </message>
    <message>
        <source>Unload</source>
        <translation>卸载</translation>
    </message>
    <message>
        <source>Free the memory the model holds</source>
        <translation>释放模型占用的内存</translation>
    </message>
    <message>
        <source>Import folder…</source>
        <translation>导入文件夹…</translation>
    </message>
    <message>
        <source>Copy a model folder into the store</source>
        <translation>把模型文件夹复制到模型仓库</translation>
    </message>
    <message>
        <source>Import GGUF…</source>
        <translation>导入 GGUF…</translation>
    </message>
    <message>
        <source>Convert a .gguf file once into a fast-loading model in the store</source>
        <translation>把 .gguf 文件一次性转换为仓库中可快速加载的模型</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>移除…</translation>
    </message>
    <message>
        <source>Delete the model&apos;s files from disk</source>
        <translation>从磁盘删除该模型的文件</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Show the model&apos;s files</source>
        <translation>显示模型的文件</translation>
    </message>
    <message>
        <source>Anatomy…</source>
        <translation>结构…</translation>
    </message>
    <message>
        <source>Layers, heads, sizes in plain words and the module tree with parameter counts (no weights are read)</source>
        <translation>用通俗的话说明层数、头数和各种尺寸，并列出带参数量的模块树（不读取权重）</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Scan the library again</source>
        <translation>重新扫描模型库</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Write the model as a GGUF file for llama.cpp, LM Studio or Ollama</source>
        <translation>把模型写成 GGUF 文件，供 llama.cpp、LM Studio 或 Ollama 使用</translation>
    </message>
    <message>
        <source>Add a server…</source>
        <translation>添加服务器…</translation>
    </message>
    <message>
        <source>Use models served by vLLM, llama.cpp&apos;s server, Ollama or LM Studio</source>
        <translation>使用由 vLLM、llama.cpp 服务器、Ollama 或 LM Studio 提供的模型</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>{n} models on this computer.</source>
        <translation>本机共有 {n} 个模型。</translation>
    </message>
    <message>
        <source>Select a model to see what it is and whether it fits in memory.</source>
        <translation>选择一个模型，查看它是什么以及内存是否放得下。</translation>
    </message>
    <message>
        <source>Import a model folder</source>
        <translation>导入模型文件夹</translation>
    </message>
    <message>
        <source>Import a GGUF file</source>
        <translation>导入 GGUF 文件</translation>
    </message>
    <message>
        <source>GGUF files (*.gguf)</source>
        <translation>GGUF 文件 (*.gguf)</translation>
    </message>
    <message>
        <source>Remove model</source>
        <translation>移除模型</translation>
    </message>
    <message>
        <source>Delete {name} ({size}) from disk?</source>
        <translation>要从磁盘删除 {name}（{size}）吗？</translation>
    </message>
</context>
<context>
    <name>LogitsPanel</name>
    <message>
        <source>Token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>logit z</source>
        <translation>logit z</translation>
    </message>
    <message>
        <source>z / T</source>
        <translation>z / T</translation>
    </message>
    <message>
        <source>− max</source>
        <translation>− 最大值</translation>
    </message>
    <message>
        <source>exp</source>
        <translation>exp</translation>
    </message>
    <message>
        <source>÷ Σ = p</source>
        <translation>÷ Σ = p</translation>
    </message>
    <message>
        <source>p (T = 1)</source>
        <translation>p（T = 1）</translation>
    </message>
    <message>
        <source>after filters</source>
        <translation>过滤后</translation>
    </message>
    <message>
        <source>The token (bold: the one chosen at this step)</source>
        <translation>词元（粗体：这一步选中的词元）</translation>
    </message>
    <message>
        <source>z: the model&apos;s raw logit for the token, a row of outputs.logits</source>
        <translation>z：模型给这个词元的原始 logit，取自 outputs.logits 的一行</translation>
    </message>
    <message>
        <source>The logit divided by the temperature T (after the repetition penalty, if any)</source>
        <translation>logit 除以温度 T（如有重复惩罚，则在其之后）</translation>
    </message>
    <message>
        <source>z/T minus the largest z/T over the whole vocabulary: the largest becomes 0, so exp never overflows; the probabilities do not change</source>
        <translation>z/T 减去整个词表上最大的 z/T：最大值变为 0，exp 就不会溢出；概率不变</translation>
    </message>
    <message>
        <source>exp of the shifted value: between 0 and 1</source>
        <translation>平移后的值取 exp：介于 0 和 1 之间</translation>
    </message>
    <message>
        <source>exp divided by the sum of exp over the whole vocabulary: the probability at temperature T</source>
        <translation>exp 除以整个词表上 exp 的和：温度 T 下的概率</translation>
    </message>
    <message>
        <source>softmax(z) at T = 1: the model&apos;s own probability (“before filters” in the table)</source>
        <translation>T = 1 时的 softmax(z)：模型自己的概率（即表中的“过滤前”）</translation>
    </message>
    <message>
        <source>After top-k, top-p and min-p: the kept tokens&apos; exp divided by their own sum; this is what the token was drawn from. ✗ and the filter&apos;s name: that filter removed the token (it could not be drawn)</source>
        <translation>经过 top-k、top-p 和 min-p 之后：保留词元的 exp 除以它们自己的和；词元就是从这个分布中抽取的。✗ 加过滤器名称：该过滤器去掉了这个词元（它不可能被抽中）</translation>
    </message>
    <message>
        <source>This token came from llama.cpp: switch to transformers (above) to recompute its step.</source>
        <translation>这个词元来自 llama.cpp：切换到 transformers（上方）以重新计算这一步。</translation>
    </message>
    <message>
        <source>Running the model on the {n} tokens before this one…</source>
        <translation>正在对它之前的 {n} 个词元运行模型…</translation>
    </message>
    <message>
        <source>⚠ {message} {hint}</source>
        <translation>⚠ {message} {hint}</translation>
    </message>
    <message>
        <source>&lt;b&gt;softmax(z/T)&lt;sub&gt;i&lt;/sub&gt; = exp((z&lt;sub&gt;i&lt;/sub&gt; − max z)/T) / Σ&lt;sub&gt;j&lt;/sub&gt; exp((z&lt;sub&gt;j&lt;/sub&gt; − max z)/T)&lt;/b&gt;</source>
        <translation>&lt;b&gt;softmax(z/T)&lt;sub&gt;i&lt;/sub&gt; = exp((z&lt;sub&gt;i&lt;/sub&gt; − max z)/T) / Σ&lt;sub&gt;j&lt;/sub&gt; exp((z&lt;sub&gt;j&lt;/sub&gt; − max z)/T)&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Click a generated token to see how its step&apos;s logits became probabilities.</source>
        <translation>点击一个生成的词元，查看它那一步的 logits 如何变成概率。</translation>
    </message>
    <message>
        <source>outputs.logits has shape [{b}, {s}, {v}] = [batch, sequence, vocabulary]; row {row} (the last token of the context) is this step&apos;s logits z, one per token of the vocabulary.</source>
        <translation>outputs.logits 的形状是 [{b}, {s}, {v}] = [批次, 序列, 词表]；第 {row} 行（上下文的最后一个词元）就是这一步的 logits z，词表中每个词元一个。</translation>
    </message>
    <message>
        <source>T = {t:g}. Σ exp over all {v} tokens = {total:.6g} (the {n} rows shown: {shown:.6g}, the other {rest} tokens: {other:.6g}). After the filters {kept} tokens are left; their Σ exp = {kept_sum:.6g} divides their exp.</source>
        <translation>T = {t:g}。全部 {v} 个词元上的 Σ exp = {total:.6g}（显示的 {n} 行：{shown:.6g}，其余 {rest} 个词元：{other:.6g}）。过滤后剩下 {kept} 个词元；它们的 Σ exp = {kept_sum:.6g}，用来除它们各自的 exp。</translation>
    </message>
    <message>
        <source>id {id}</source>
        <translation>ID {id}</translation>
    </message>
    <message>
        <source>Removed by {filter}: it could not be drawn</source>
        <translation>被 {filter} 去掉：它不可能被抽中</translation>
    </message>
    <message>
        <source>temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>top-k</source>
        <translation>top-k</translation>
    </message>
    <message>
        <source>top-p</source>
        <translation>top-p</translation>
    </message>
    <message>
        <source>min-p</source>
        <translation>min-p</translation>
    </message>
    <message>
        <source>typical-p</source>
        <translation>typical-p</translation>
    </message>
    <message>
        <source>repetition penalty</source>
        <translation>重复惩罚</translation>
    </message>
    <message>
        <source>no-repeat n-gram</source>
        <translation>禁止重复 n-gram</translation>
    </message>
    <message>
        <source>Greedy decoding: the token with the largest logit is taken; no temperature and no filters.</source>
        <translation>贪心解码：取 logit 最大的词元；不使用温度，也不使用过滤。</translation>
    </message>
    <message>
        <source>No filter is on: every token can be drawn, with the probability p.</source>
        <translation>没有开启任何过滤：每个词元都可能以概率 p 被抽中。</translation>
    </message>
    <message>
        <source>divide by T = {t:g}</source>
        <translation>除以 T = {t:g}</translation>
    </message>
    <message>
        <source>repetition penalty {v:g} on the tokens already in the text</source>
        <translation>对文本中已出现的词元施加重复惩罚 {v:g}</translation>
    </message>
    <message>
        <source>{name} = {value:g} removed {removed}, {kept} left</source>
        <translation>{name} = {value:g} 去掉 {removed} 个，剩 {kept} 个</translation>
    </message>
    <message>
        <source>In the order generate applies them: {stages}.</source>
        <translation>按 generate 施加的顺序：{stages}。</translation>
    </message>
    <message>
        <source>Check: the generation recorded no probabilities for this step to compare with.</source>
        <translation>核对：生成时没有记录这一步的概率，无从比较。</translation>
    </message>
    <message>
        <source>Check: recomputed here vs recorded during generation, max |difference| = {before:.1e} (p at T = 1) and {after} (after filters).</source>
        <translation>核对：这里重新计算的与生成时记录的相比，最大 |差值| = {before:.1e}（T = 1 时的 p）和 {after}（过滤后）。</translation>
    </message>
    <message>
        <source>The recomputed step differs from the generated one (a different precision, quantisation or engine); the numbers are this model&apos;s.</source>
        <translation>重新计算的这一步与生成时的不同（精度、量化或引擎不同）；这些数字是当前这个模型的。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source> Model: </source>
        <translation> 模型：</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Import model &amp;folder…</source>
        <translation>导入模型文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Import &amp;GGUF file…</source>
        <translation>导入 &amp;GGUF 文件…</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Refresh library</source>
        <translation>刷新模型库</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Glossary…</source>
        <translation>术语表(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>About {name}</source>
        <translation>关于 {name}</translation>
    </message>
    <message>
        <source>Play with language models on your own computer.</source>
        <translation>在自己的电脑上玩转语言模型。</translation>
    </message>
    <message>
        <source>Settings: {settings}&lt;br&gt;Models: {models}&lt;br&gt;Logs: {logs}</source>
        <translation>设置：{settings}&lt;br&gt;模型：{models}&lt;br&gt;日志：{logs}</translation>
    </message>
    <message>
        <source>Loaded: {names}</source>
        <translation>已加载：{names}</translation>
    </message>
    <message>
        <source>Memory: {size}</source>
        <translation>内存：{size}</translation>
    </message>
</context>
<context>
    <name>MetricsPage</name>
    <message>
        <source>F1 (labels)</source>
        <translation>F1（标签）</translation>
    </message>
    <message>
        <source>Exact match</source>
        <translation>精确匹配</translation>
    </message>
    <message>
        <source>Token F1</source>
        <translation>词元 F1</translation>
    </message>
    <message>
        <source>Distinct-n</source>
        <translation>Distinct-n</translation>
    </message>
    <message>
        <source>&lt;h3 style=&apos;margin:0&apos;&gt;Metrics&lt;/h3&gt;Score predictions against references, one per line (or two columns of a table). Row 1 of the predictions goes with row 1 of the references.</source>
        <translation>&lt;h3 style=&apos;margin:0&apos;&gt;评估指标&lt;/h3&gt;把预测与参考答案对照打分，每行一条（也可以用表格中的两列）。第 1 行预测对应第 1 行参考答案。</translation>
    </message>
    <message>
        <source>Load table…</source>
        <translation>载入表格…</translation>
    </message>
    <message>
        <source>Read two columns of a CSV, TSV or JSONL file</source>
        <translation>从 CSV、TSV 或 JSONL 文件中读取两列</translation>
    </message>
    <message>
        <source>The column holding the predictions</source>
        <translation>存放预测的列</translation>
    </message>
    <message>
        <source>The column holding the references</source>
        <translation>存放参考答案的列</translation>
    </message>
    <message>
        <source>Predictions file…</source>
        <translation>预测文件…</translation>
    </message>
    <message>
        <source>Read predictions from a text file, one per line</source>
        <translation>从文本文件读取预测，每行一条</translation>
    </message>
    <message>
        <source>References file…</source>
        <translation>参考文件…</translation>
    </message>
    <message>
        <source>Read references from a text file, one per line</source>
        <translation>从文本文件读取参考答案，每行一条</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Fill both boxes with a small example (Chinese when the window is in Chinese)</source>
        <translation>在两个框里填入一个小例子（界面为中文时用中文例子）</translation>
    </message>
    <message>
        <source>prediction column</source>
        <translation>预测列</translation>
    </message>
    <message>
        <source>reference column</source>
        <translation>参考列</translation>
    </message>
    <message>
        <source>Predictions, one per line</source>
        <translation>预测，每行一条</translation>
    </message>
    <message>
        <source>References, one per line</source>
        <translation>参考答案，每行一条</translation>
    </message>
    <message>
        <source>&lt;b&gt;Predictions&lt;/b&gt;</source>
        <translation>&lt;b&gt;预测&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;References&lt;/b&gt;</source>
        <translation>&lt;b&gt;参考答案&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>The row whose shared n-grams are shown below</source>
        <translation>在下方列出这一行共有的 n 元组</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Compute the chosen metrics</source>
        <translation>计算勾选的指标</translation>
    </message>
    <message>
        <source>The scores appear here, each with what it measures.</source>
        <translation>分数会显示在这里，并附上每个指标衡量的是什么。</translation>
    </message>
    <message>
        <source>The n-grams the chosen row shares with its reference appear here.</source>
        <translation>所选行与参考答案共有的 n 元组会显示在这里。</translation>
    </message>
    <message>
        <source>Open a text file</source>
        <translation>打开文本文件</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Read {n} lines from {name}.</source>
        <translation>已从 {name} 读取 {n} 行。</translation>
    </message>
    <message>
        <source>Open a table</source>
        <translation>打开表格</translation>
    </message>
    <message>
        <source>Tables (*.csv *.tsv *.jsonl);;All files (*)</source>
        <translation>表格 (*.csv *.tsv *.jsonl);;所有文件 (*)</translation>
    </message>
    <message>
        <source>⚠ {message} {hint}</source>
        <translation>⚠ {message}{hint}</translation>
    </message>
    <message>
        <source>Read {n} rows from {name}.</source>
        <translation>已从 {name} 读取 {n} 行。</translation>
    </message>
    <message>
        <source>No metric is ticked.</source>
        <translation>没有勾选任何指标。</translation>
    </message>
    <message>
        <source>Tick at least one metric.</source>
        <translation>请至少勾选一个指标。</translation>
    </message>
    <message>
        <source>Scoring…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English or other</source>
        <translation>英文或其他语言</translation>
    </message>
    <message>
        <source>{n} rows scored; language: {language}.</source>
        <translation>已为 {n} 行打分；语言：{language}。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{score:.2f}&lt;/b&gt; (n-gram precisions {p}; brevity penalty {bp:.3f}; tokenizer {tok})</source>
        <translation>&lt;b&gt;{score:.2f}&lt;/b&gt;（n 元组精确率 {p}；简短惩罚 {bp:.3f}；分词器 {tok}）</translation>
    </message>
    <message>
        <source>each Chinese character a token</source>
        <translation>每个汉字算一个词元</translation>
    </message>
    <message>
        <source>words</source>
        <translation>按词</translation>
    </message>
    <message>
        <source>ROUGE-1 &lt;b&gt;{r1}&lt;/b&gt;, ROUGE-2 &lt;b&gt;{r2}&lt;/b&gt;, ROUGE-L &lt;b&gt;{rl}&lt;/b&gt; ({how})</source>
        <translation>ROUGE-1 &lt;b&gt;{r1}&lt;/b&gt;，ROUGE-2 &lt;b&gt;{r2}&lt;/b&gt;，ROUGE-L &lt;b&gt;{rl}&lt;/b&gt;（{how}）</translation>
    </message>
    <message>
        <source>macro F1 &lt;b&gt;{f1}&lt;/b&gt;, macro precision {p}, macro recall {r}, accuracy {acc}</source>
        <translation>宏平均 F1 &lt;b&gt;{f1}&lt;/b&gt;，宏平均精确率 {p}，宏平均召回率 {r}，准确率 {acc}</translation>
    </message>
    <message>
        <source>“{label}”: precision {p}, recall {r}, F1 {f1} ({n} rows)</source>
        <translation>“{label}”：精确率 {p}，召回率 {r}，F1 {f1}（{n} 行）</translation>
    </message>
    <message>
        <source>{n}-gram</source>
        <translation>{n} 元组</translation>
    </message>
    <message>
        <source>&lt;p&gt;Row {row}: sentence BLEU &lt;b&gt;{bleu:.2f}&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;第 {row} 行：句子级 BLEU &lt;b&gt;{bleu:.2f}&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>BLEU: n-grams of the prediction found in the reference (matched/all)</source>
        <translation>BLEU：预测中出现在参考答案里的 n 元组（匹配数/总数）</translation>
    </message>
    <message>
        <source>ROUGE: shared n-grams</source>
        <translation>ROUGE：共有的 n 元组</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;ROUGE-L&lt;/b&gt;: longest common subsequence {lcs}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;ROUGE-L&lt;/b&gt;：最长公共子序列 {lcs}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>BLEU, ROUGE, F1, exact match and distinct-n of predictions against references</source>
        <translation>把预测与参考答案对照，计算 BLEU、ROUGE、F1、精确匹配和 distinct-n</translation>
    </message>
</context>
<context>
    <name>ModelBar</name>
    <message>
        <source>Completion</source>
        <translation>续写</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Completion: the model continues your text as it is.
Chat: your messages are formatted with the model&apos;s chat template.</source>
        <translation>续写：模型按原样接着写你的文本。
对话：你的消息会按模型的对话模板排版。</translation>
    </message>
    <message>
        <source>int8 weights</source>
        <translation>int8 权重</translation>
    </message>
    <message>
        <source>Load the model with int8 linear layers (CPU): about twice as fast on many CPUs.</source>
        <translation>以 int8 线性层加载模型（CPU）：在很多 CPU 上大约快一倍。</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Model: &lt;b&gt;{name}&lt;/b&gt;</source>
        <translation>模型：&lt;b&gt;{name}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No model chosen: pick one above.</source>
        <translation>尚未选择模型：请在上方选择。</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>The model the Generate, Attention, Fine-tune and Tasks tabs use</source>
        <translation>“生成”“注意力”“微调”和“任务”页面使用的模型</translation>
    </message>
</context>
<context>
    <name>ModelsTab</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Kinds</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Starter</source>
        <translation>入门</translation>
    </message>
    <message>
        <source>HF cache</source>
        <translation>HF 缓存</translation>
    </message>
    <message>
        <source>Workbench</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Remote</source>
        <translation>远程</translation>
    </message>
    <message>
        <source>fits</source>
        <translation>放得下</translation>
    </message>
    <message>
        <source>tight</source>
        <translation>勉强</translation>
    </message>
    <message>
        <source>will not fit</source>
        <translation>放不下</translation>
    </message>
    <message>
        <source>  (loaded)</source>
        <translation>  （已加载）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>A GGUF file: converted once into the workbench store on first load.</source>
        <translation>GGUF 文件：首次加载时会一次性转换到工作台的模型仓库。</translation>
    </message>
    <message>
        <source>Needs about {size} of memory in float32: &lt;b&gt;{verdict}&lt;/b&gt; ({free} free).</source>
        <translation>以 float32 运行约需 {size} 内存：&lt;b&gt;{verdict}&lt;/b&gt;（可用 {free}）。</translation>
    </message>
    <message>
        <source>A GGUF file: converted once into the workbench store on first load (about 20 s).</source>
        <translation>GGUF 文件：首次加载时会一次性转换到工作台的模型仓库（约 20 秒）。</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>模型库</translation>
    </message>
    <message>
        <source>Search the Hub</source>
        <translation>搜索 Hub</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>下载</translation>
    </message>
</context>
<context>
    <name>NGramTable</name>
    <message>
        <source>Next token</source>
        <translation>下一个词元</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>Unsmoothed P</source>
        <translation>未平滑的 P</translation>
    </message>
    <message>
        <source>Smoothed P</source>
        <translation>平滑后的 P</translation>
    </message>
    <message>
        <source>n-gram models in the library (trained with the n-gram architecture)</source>
        <translation>模型库中的 n 元语法模型（用 n-gram 架构训练）</translation>
    </message>
    <message>
        <source>Type a context, e.g. the beginning of a word</source>
        <translation>输入上下文，例如一个词的开头</translation>
    </message>
    <message>
        <source>top </source>
        <translation>前 </translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Train an n-gram model (Architecture: n-gram) to browse its counts.</source>
        <translation>先训练一个 n 元语法模型（架构：n-gram），再浏览它的计数。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>(no context: how often each token occurs)</source>
        <translation>（无上下文：每个词元出现的频率）</translation>
    </message>
    <message>
        <source>Kneser-Ney</source>
        <translation>Kneser-Ney</translation>
    </message>
    <message>
        <source>add-k</source>
        <translation>add-k</translation>
    </message>
    <message>
        <source>P(next | {context}): an order-{order} view, {smoothing} smoothing; the context occurs {count} times in the text.</source>
        <translation>P(下一个 | {context})：按 {order} 阶看，{smoothing} 平滑；该上下文在文本中出现 {count} 次。</translation>
    </message>
</context>
<context>
    <name>OutputView</name>
    <message>
        <source>probability {p}</source>
        <translation>概率 {p}</translation>
    </message>
</context>
<context>
    <name>OverviewGrid</name>
    <message>
        <source>Each thumbnail is one head, scaled to its own maximum; click to open it.</source>
        <translation>每个缩略图是一个注意力头，按其自身最大值缩放；点击即可打开。</translation>
    </message>
    <message>
        <source>Capture attention to see every layer and head here.</source>
        <translation>捕获注意力后，这里会显示每一层和每个头。</translation>
    </message>
</context>
<context>
    <name>PerplexityView</name>
    <message>
        <source>Paste a text (or open a file) to see how surprised the model is by each token.</source>
        <translation>粘贴一段文本（或打开文件），看看模型对每个词元有多意外。</translation>
    </message>
    <message>
        <source>Open file…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <source>Read a UTF-8 text file into the box</source>
        <translation>把 UTF-8 文本文件读入输入框</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>对比模型</translation>
    </message>
    <message>
        <source>Score the same text with a second model (e.g. a fine-tune) and show the per-token difference</source>
        <translation>用第二个模型（例如微调后的模型）为同一文本打分，并显示逐词元的差异</translation>
    </message>
    <message>
        <source>stride: half</source>
        <translation>步幅：半个窗口</translation>
    </message>
    <message>
        <source>stride </source>
        <translation>步幅 </translation>
    </message>
    <message>
        <source>Long texts are scored in windows of the model&apos;s context (at most 1024 tokens); each window starts this many tokens after the previous one and scores only the new tokens. Half the window is the default.</source>
        <translation>长文本按模型上下文大小的窗口（最多 1024 个词元）计算；每个窗口比前一个窗口晚开始这么多个词元，并且只为新词元打分。默认为半个窗口。</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Compute the perplexity of the text</source>
        <translation>计算这段文本的困惑度</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Perplexity = exp(mean −log p of every token after the first): 1 means no surprise; higher is more surprised.</source>
        <translation>困惑度 = exp（首个词元之后每个词元的 −log p 的平均值）：1 表示毫不意外；越高越意外。</translation>
    </message>
    <message>
        <source>Each token shaded by its surprisal (−log₂ p): darker red = more surprising. Hover a token for its numbers.</source>
        <translation>每个词元按其意外度（−log₂ p）着色：红色越深越意外。鼠标悬停在词元上可查看数值。</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Bits</source>
        <translation>比特</translation>
    </message>
    <message>
        <source>Bits A</source>
        <translation>比特 A</translation>
    </message>
    <message>
        <source>Bits B</source>
        <translation>比特 B</translation>
    </message>
    <message>
        <source>B − A</source>
        <translation>B − A</translation>
    </message>
    <message>
        <source>Most surprising</source>
        <translation>最意外</translation>
    </message>
    <message>
        <source>Changed most</source>
        <translation>变化最大</translation>
    </message>
    <message>
        <source>Open a text file</source>
        <translation>打开文本文件</translation>
    </message>
    <message>
        <source>Text files (*.txt *.md *.csv);;All files (*)</source>
        <translation>文本文件 (*.txt *.md *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>⚠ {message} {hint}</source>
        <translation>⚠ {message} {hint}</translation>
    </message>
    <message>
        <source>⚠ No model is chosen. Pick one in the model picker at the top.</source>
        <translation>⚠ 尚未选择模型。请在顶部的模型选择框中选择一个。</translation>
    </message>
    <message>
        <source>⚠ The text is empty. Paste some text or open a file.</source>
        <translation>⚠ 文本为空。请粘贴一些文本或打开文件。</translation>
    </message>
    <message>
        <source>Scoring with {model}…</source>
        <translation>正在用 {model} 计算…</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;{b} − {a}&lt;/b&gt;: green = {b} less surprised, purple = more&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;{b} − {a}&lt;/b&gt;：绿色 = {b} 更不意外，紫色 = 更意外&lt;/p&gt;</translation>
    </message>
    <message>
        <source>one window</source>
        <translation>一个窗口</translation>
    </message>
    <message>
        <source>{n} windows of {window} tokens, stride {stride}</source>
        <translation>{n} 个窗口，每个 {window} 个词元，步幅 {stride}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{model}&lt;/b&gt;: perplexity &lt;b&gt;{ppl:.2f}&lt;/b&gt; over {n} tokens ({windows}; {s:.1f} s)</source>
        <translation>&lt;b&gt;{model}&lt;/b&gt;：{n} 个词元上的困惑度为 &lt;b&gt;{ppl:.2f}&lt;/b&gt;（{windows}；{s:.1f} 秒）</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Automatic (CUDA, then Apple MPS, then CPU)</source>
        <translation>自动（优先 CUDA，其次 Apple MPS，最后 CPU）</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <source>Automatic (fastest safe choice for the device)</source>
        <translation>自动（该设备上最快且安全的选择）</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>The interface language; --lang on the command line overrides it.</source>
        <translation>界面语言；命令行参数 --lang 优先于此设置。</translation>
    </message>
    <message>
        <source>Where models run. A device that is not available is refused with a message on load.</source>
        <translation>模型运行的设备。若设备不可用，加载时会给出提示并拒绝。</translation>
    </message>
    <message>
        <source>Number format of the weights. Automatic: half precision on a GPU; on the CPU bfloat16 only where this machine measured it faster, else float32.</source>
        <translation>权重的数值格式。自动：GPU 上用半精度；CPU 上只有在本机实测更快时才用 bfloat16，否则用 float32。</translation>
    </message>
    <message>
        <source>How many models stay in memory at once; the least recently used is unloaded.</source>
        <translation>同时保留在内存中的模型数；超出时卸载最久未用的模型。</translation>
    </message>
    <message>
        <source>Allow pickle (.bin) weights</source>
        <translation>允许 pickle（.bin）权重</translation>
    </message>
    <message>
        <source>Pickle files can run code when loaded. Allow them only for models you trust.</source>
        <translation>pickle 文件在加载时可能执行代码。只对你信任的模型允许。</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation>精度：</translation>
    </message>
    <message>
        <source>Models kept loaded:</source>
        <translation>保留加载的模型数：</translation>
    </message>
    <message>
        <source>The new language applies when the workbench starts again.</source>
        <translation>新的语言将在工作台下次启动时生效。</translation>
    </message>
    <message>
        <source>Changes apply to the next model you load.</source>
        <translation>更改将在下次加载模型时生效。</translation>
    </message>
</context>
<context>
    <name>PretrainPage</name>
    <message>
        <source>LSTM</source>
        <translation>LSTM</translation>
    </message>
    <message>
        <source>GRU</source>
        <translation>GRU</translation>
    </message>
    <message>
        <source>Transformer (GPT-2 style)</source>
        <translation>Transformer (GPT-2 风格)</translation>
    </message>
    <message>
        <source>n-gram (counts)</source>
        <translation>n 元语法（计数）</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Compare runs</source>
        <translation>比较运行</translation>
    </message>
    <message>
        <source>n-gram table</source>
        <translation>n 元语法表</translation>
    </message>
    <message>
        <source>a .txt file, or a CSV/TSV/JSONL table</source>
        <translation>.txt 文件，或 CSV/TSV/JSONL 表格</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>The column of the table that holds the text (one document per row)</source>
        <translation>表格中存放文本的列（每行一篇文档）</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>字符</translation>
    </message>
    <message>
        <source>BPE trained on this text</source>
        <translation>在此文本上训练的 BPE</translation>
    </message>
    <message>
        <source>Words (Chinese segmented with jieba)</source>
        <translation>词（中文用 jieba 分词）</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Tokens per n-gram: each token is predicted from the order − 1 tokens before it</source>
        <translation>每个 n 元组的词元数：每个词元由它前面的“阶数 − 1”个词元预测</translation>
    </message>
    <message>
        <source>Kneser-Ney (interpolated)</source>
        <translation>Kneser-Ney（插值）</translation>
    </message>
    <message>
        <source>add-k (Laplace for k = 1)</source>
        <translation>add-k（k = 1 即拉普拉斯平滑）</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Stop cleanly after this many minutes and keep the model (instead of epochs)</source>
        <translation>到达这么多分钟后正常停止并保留模型（代替轮数）</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>分词器</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>词表大小</translation>
    </message>
    <message>
        <source>n-gram order</source>
        <translation>n 元语法阶数</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>k</source>
        <translation>k</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Hidden size</source>
        <translation>隐藏层大小</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>头数</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文长度</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Time limit (min)</source>
        <translation>时间限制（分钟）</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Sample every</source>
        <translation>采样间隔（步）</translation>
    </message>
    <message>
        <source>Choose a text file.</source>
        <translation>请选择一个文本文件。</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Continue the last cancelled or interrupted run from its checkpoint</source>
        <translation>从检查点继续上一次被取消或中断的运行</translation>
    </message>
    <message>
        <source>Try it in Generate</source>
        <translation>在“生成”中试用</translation>
    </message>
    <message>
        <source>Train longer</source>
        <translation>追加训练</translation>
    </message>
    <message>
        <source>Continue the finished run for more steps from its last checkpoint (a time-limited run too); its model in the library is replaced</source>
        <translation>从最后一个检查点继续训练已完成的运行（包括因时间限制而停止的运行），增加更多步数；模型库中的模型会被替换</translation>
    </message>
    <message>
        <source> more steps</source>
        <translation> 步</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>尚未开始</translation>
    </message>
    <message>
        <source>Validation perplexity</source>
        <translation>验证困惑度</translation>
    </message>
    <message>
        <source>Text generated from the current weights every few steps, newest last</source>
        <translation>每隔几步用当前权重生成的文本，最新的在最后</translation>
    </message>
    <message>
        <source>Samples (step, text)</source>
        <translation>样本（步，文本）</translation>
    </message>
    <message>
        <source>Open a text</source>
        <translation>打开文本</translation>
    </message>
    <message>
        <source>Text (*.txt *.csv *.tsv *.jsonl);;All files (*)</source>
        <translation>文本 (*.txt *.csv *.tsv *.jsonl);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking the text and counting parameters…</source>
        <translation>正在检查文本并统计参数…</translation>
    </message>
    <message>
        <source>{n} steps</source>
        <translation>{n} 步</translation>
    </message>
    <message>
        <source>until the time limit</source>
        <translation>直到时间限制</translation>
    </message>
    <message>
        <source>n-grams of orders 1 to {order} · vocabulary {vocab} · {tokens} tokens ({train} to count, {val} to validate)</source>
        <translation>1 到 {order} 阶的 n 元组 · 词表 {vocab} · {tokens} 个词元（{train} 个用于计数，{val} 个用于验证）</translation>
    </message>
    <message>
        <source>{params} parameters · vocabulary {vocab} · {tokens} tokens ({train} to train, {val} to validate) · {steps}</source>
        <translation>{params} 个参数 · 词表 {vocab} · {tokens} 个词元（{train} 个用于训练，{val} 个用于验证）· {steps}</translation>
    </message>
    <message>
        <source>Chosen for you:</source>
        <translation>为你选择的设置：</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Starting the training process (run folder {path}).</source>
        <translation>正在启动训练进程（运行文件夹 {path}）。</translation>
    </message>
    <message>
        <source>{params} parameters, vocabulary {vocab}: training…</source>
        <translation>{params} 个参数，词表 {vocab}：正在训练…</translation>
    </message>
    <message>
        <source>step {step} of {total} – about {eta} left</source>
        <translation>第 {step}/{total} 步 – 约剩 {eta}</translation>
    </message>
    <message>
        <source>step {step} – {eta} of the time limit left</source>
        <translation>第 {step} 步 – 时间限制还剩 {eta}</translation>
    </message>
    <message>
        <source>Finished in {elapsed}: validation perplexity {ppl:.2f}. The model is in the library as {name}.</source>
        <translation>用时 {elapsed} 完成：验证困惑度 {ppl:.2f}。模型已以 {name} 加入模型库。</translation>
    </message>
    <message>
        <source>(Resume continues it.)</source>
        <translation>（点击“继续”可接着训练。）</translation>
    </message>
    <message>
        <source>Resume continues from the last checkpoint.</source>
        <translation>“继续”会从最近的检查点接着训练。</translation>
    </message>
    <message>
        <source>The training process stopped (exit code {code}).</source>
        <translation>训练进程已停止（退出码 {code}）。</translation>
    </message>
    <message>
        <source>auto: chosen from the model&apos;s size (the reason shows below)</source>
        <translation>自动：按模型大小选择（原因显示在下方）</translation>
    </message>
    <message>
        <source>Cancelling: stopping after this step and saving a checkpoint…</source>
        <translation>正在取消：本步结束后停止并保存检查点…</translation>
    </message>
</context>
<context>
    <name>PromptTokensView</name>
    <message>
        <source>The prompt&apos;s tokens appear here once a model is chosen.</source>
        <translation>选择模型后，提示的词元会显示在这里。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{n} tokens&lt;/b&gt; for {name}</source>
        <translation>&lt;b&gt;{n} 个词元&lt;/b&gt;（{name}）</translation>
    </message>
    <message>
        <source> (context window {window})</source>
        <translation>（上下文窗口 {window}）</translation>
    </message>
</context>
<context>
    <name>RNNStateView</name>
    <message>
        <source>This model is an LSTM/GRU: it has no attention. It reads one token at a time and carries a hidden state; here is that state, unit by unit, and the gates that update it.</source>
        <translation>这是一个 LSTM/GRU 模型：它没有注意力。它一次读一个词元，并携带一个隐藏状态；这里逐个单元展示这个状态，以及更新它的各个门。</translation>
    </message>
    <message>
        <source>Text to read</source>
        <translation>要读取的文本</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>Run the text through the model and record its states</source>
        <translation>让模型读这段文本并记录它的状态</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>The layer shown</source>
        <translation>显示的层</translation>
    </message>
    <message>
        <source>hidden state h</source>
        <translation>隐藏状态 h</translation>
    </message>
    <message>
        <source>cell state c</source>
        <translation>细胞状态 c</translation>
    </message>
    <message>
        <source>The LSTM&apos;s output h, or its memory c (a GRU has only h)</source>
        <translation>LSTM 的输出 h，或它的记忆 c（GRU 只有 h）</translation>
    </message>
    <message>
        <source>unit </source>
        <translation>单元 </translation>
    </message>
    <message>
        <source>The unit whose gates are drawn (or click a cell of the heatmap)</source>
        <translation>要画出其门的单元（也可以点击热图中的格子）</translation>
    </message>
    <message>
        <source>Type a text and press Read.</source>
        <translation>输入一段文本，然后点击“读取”。</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>The units this token moved most: change = h after the token − h before it</source>
        <translation>这个词元改变最多的单元：变化 = 读入该词元后的 h − 读入前的 h</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>⚠ Pick a model in the model picker at the top.</source>
        <translation>⚠ 请在顶部的模型选择器中选择一个模型。</translation>
    </message>
    <message>
        <source>Reading the text token by token…</source>
        <translation>正在逐个词元读取文本…</translation>
    </message>
    <message>
        <source>{cell}: {layers} layers × {units} units over {n} tokens. Hidden states are the model&apos;s own; gates and cell state recomputed from its weights reproduce them (largest difference {error:.1e}).</source>
        <translation>{cell}：{layers} 层 × {units} 个单元，共 {n} 个词元。隐藏状态取自模型本身；由其权重重新计算的门和细胞状态能复现它们（最大差异 {error:.1e}）。</translation>
    </message>
    <message>
        <source>Gates of unit {unit} in layer {layer} along the text (dashed: its hidden state)</source>
        <translation>第 {layer} 层单元 {unit} 的各个门沿文本的变化（虚线：它的隐藏状态）</translation>
    </message>
    <message>
        <source>Units that token {n} «{token}» moved most in layer {layer}</source>
        <translation>第 {layer} 层中被词元 {n}「{token}」改变最多的单元</translation>
    </message>
    <message>
        <source>unit {unit}, token {n} «{token}»: </source>
        <translation>单元 {unit}，词元 {n}「{token}」：</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入门</translation>
    </message>
    <message>
        <source>forget</source>
        <translation>遗忘门</translation>
    </message>
    <message>
        <source>cell</source>
        <translation>候选细胞</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出门</translation>
    </message>
    <message>
        <source>reset</source>
        <translation>重置门</translation>
    </message>
    <message>
        <source>update</source>
        <translation>更新门</translation>
    </message>
    <message>
        <source>new</source>
        <translation>候选状态</translation>
    </message>
</context>
<context>
    <name>RankedList</name>
    <message>
        <source>Similarity</source>
        <translation>相似度</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Line number of the document in the input</source>
        <translation>文档在输入中的行号</translation>
    </message>
</context>
<context>
    <name>ReferenceBox</name>
    <message>
        <source>Score against a reference</source>
        <translation>与参考答案对照打分</translation>
    </message>
    <message>
        <source>Type the answer you expected; the result is scored against it</source>
        <translation>输入你期望的答案，结果会与它对照打分</translation>
    </message>
    <message>
        <source>⚠ {message}</source>
        <translation>⚠ {message}</translation>
    </message>
    <message>
        <source>exact match {em:.0f}</source>
        <translation>精确匹配 {em:.0f}</translation>
    </message>
    <message>
        <source>token F1 {f1:.3f}</source>
        <translation>词元 F1 {f1:.3f}</translation>
    </message>
</context>
<context>
    <name>ResultPages</name>
    <message>
        <source>Pick an example or type your own input, then Run.</source>
        <translation>选择一个示例或输入自己的内容，然后点击“运行”。</translation>
    </message>
    <message>
        <source>Best fill: &lt;b&gt;{text}&lt;/b&gt;</source>
        <translation>最佳填空：&lt;b&gt;{text}&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>RunsPage</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Continue an interrupted or cancelled run from its last checkpoint</source>
        <translation>从最近的检查点继续被中断或取消的运行</translation>
    </message>
    <message>
        <source> epochs</source>
        <translation> 轮</translation>
    </message>
    <message>
        <source>Add epochs</source>
        <translation>追加轮数</translation>
    </message>
    <message>
        <source>Train a finished run further</source>
        <translation>在已完成的运行上继续训练</translation>
    </message>
    <message>
        <source>Compare curves</source>
        <translation>对比曲线</translation>
    </message>
    <message>
        <source>Select two runs: the second is drawn dashed over the first</source>
        <translation>选择两次运行：第二次以虚线叠加在第一次上</translation>
    </message>
    <message>
        <source>Try it</source>
        <translation>试用</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Write the fine-tuned model as a GGUF file (a LoRA run merged into its base)</source>
        <translation>把微调后的模型写成 GGUF 文件（LoRA 训练会合并进基础模型）</translation>
    </message>
    <message>
        <source>Compare with base</source>
        <translation>与基础模型对比</translation>
    </message>
    <message>
        <source>A few held-out rows through the base and the fine-tuned model</source>
        <translation>用几行留出数据分别运行基础模型和微调后的模型</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Run again</source>
        <translation>再次运行</translation>
    </message>
    <message>
        <source>A new run with exactly this run&apos;s settings and seed</source>
        <translation>用与这次运行完全相同的设置和种子开始新的运行</translation>
    </message>
    <message>
        <source>No runs yet. Every training run appears here, with its status, metrics and duration; a cancelled or interrupted run can be resumed.</source>
        <translation>还没有运行记录。每次训练都会出现在这里，附带状态、指标和用时；被取消或中断的运行可以继续。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt;: {status}, step {step} of {steps}.</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;：{status}，第 {step}/{steps} 步。</translation>
    </message>
    <message>
        <source>Model: {path}</source>
        <translation>模型：{path}</translation>
    </message>
    <message>
        <source>Confusion matrix (rows: true label): </source>
        <translation>混淆矩阵（行：真实标签）：</translation>
    </message>
    <message>
        <source>{n} held-out rows: the fine-tuned model answers differently on {changed} (in bold).</source>
        <translation>{n} 行留出数据：微调后的模型在其中 {changed} 行给出了不同的回答（粗体）。</translation>
    </message>
</context>
<context>
    <name>SamplingColumn</name>
    <message>
        <source>Colour text by probability</source>
        <translation>按概率给文本着色</translation>
    </message>
    <message>
        <source>Shade each token: green = the model was sure of it, red = it was unlikely</source>
        <translation>给每个词元着色：绿色 = 模型很有把握，红色 = 不太可能</translation>
    </message>
    <message>
        <source>Ready-made settings; your own saved presets are listed after the built-in ones</source>
        <translation>现成的设置；你自己保存的预设列在内置预设之后</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save the current settings as a preset of your own</source>
        <translation>把当前设置保存为自己的预设</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the selected preset of your own</source>
        <translation>删除所选的自定义预设</translation>
    </message>
    <message>
        <source>&lt;b&gt;Preset&lt;/b&gt;</source>
        <translation>&lt;b&gt;预设&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{name} (mine)</source>
        <translation>{name}（我的）</translation>
    </message>
    <message>
        <source>The preset &apos;{name}&apos; is not valid: {error}</source>
        <translation>预设“{name}”无效：{error}</translation>
    </message>
    <message>
        <source>Delete it and save a new one.</source>
        <translation>请删除它并保存一个新的。</translation>
    </message>
    <message>
        <source>Save preset</source>
        <translation>保存预设</translation>
    </message>
    <message>
        <source>Name of the preset:</source>
        <translation>预设名称：</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a built-in preset.</source>
        <translation>“{name}”是内置预设。</translation>
    </message>
    <message>
        <source>Choose another name.</source>
        <translation>请换一个名称。</translation>
    </message>
</context>
<context>
    <name>ScatterMap</name>
    <message>
        <source>… and {n} more</source>
        <translation>… 还有 {n} 个</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <source>Search models, e.g. smollm, bert, gpt2…</source>
        <translation>搜索模型，例如 smollm、bert、gpt2…</translation>
    </message>
    <message>
        <source>Any task</source>
        <translation>任意任务</translation>
    </message>
    <message>
        <source>Only models for this task</source>
        <translation>只显示适用于此任务的模型</translation>
    </message>
    <message>
        <source>transformers only</source>
        <translation>仅 transformers</translation>
    </message>
    <message>
        <source>Only models that the transformers library loads</source>
        <translation>只显示 transformers 库能加载的模型</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Search the Hugging Face Hub; results load as you scroll.</source>
        <translation>搜索 Hugging Face Hub；滚动时加载更多结果。</translation>
    </message>
    <message>
        <source>Select a model to see its card, files and whether it fits.</source>
        <translation>选择一个模型，查看它的模型卡片、文件以及是否放得下。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Safetensors only</source>
        <translation>仅 Safetensors</translation>
    </message>
    <message>
        <source>Weights in .safetensors plus every non-weight file (config, tokenizer)</source>
        <translation>.safetensors 权重加上所有非权重文件（配置、分词器）</translation>
    </message>
    <message>
        <source>None</source>
        <translation>不选</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Download the ticked files into the shared Hugging Face cache</source>
        <translation>把勾选的文件下载到共享的 Hugging Face 缓存</translation>
    </message>
    <message>
        <source>Choose:</source>
        <translation>选择：</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>Loading more…</source>
        <translation>正在加载更多…</translation>
    </message>
    <message>
        <source>No model matches. Try fewer words, another task, or untick &apos;transformers only&apos;.</source>
        <translation>没有匹配的模型。请减少关键词、换一个任务，或取消勾选“仅 transformers”。</translation>
    </message>
    <message>
        <source>{n} models shown</source>
        <translation>已显示 {n} 个模型</translation>
    </message>
    <message>
        <source>; scroll down for more.</source>
        <translation>；向下滚动查看更多。</translation>
    </message>
    <message>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <source>The search failed; see above.</source>
        <translation>搜索失败；请查看上方。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; – loading…</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; – 正在加载…</translation>
    </message>
    <message>
        <source>The model page could not be loaded; see above.</source>
        <translation>无法加载模型页面；请查看上方。</translation>
    </message>
    <message>
        <source>gated: accept the licence on the hub first</source>
        <translation>受限：请先在 Hub 上接受许可证</translation>
    </message>
    <message>
        <source>{task} · licence {licence} · {downloads} downloads · {likes} likes · {files} files, {size}</source>
        <translation>{task} · 许可证 {licence} · {downloads} 次下载 · {likes} 个赞 · {files} 个文件，{size}</translation>
    </message>
    <message>
        <source>no task</source>
        <translation>无任务</translation>
    </message>
    <message>
        <source>Disk: {download} to download, {free} free – {verdict}</source>
        <translation>磁盘：需下载 {download}，可用 {free} – {verdict}</translation>
    </message>
    <message>
        <source>Memory for about {parameters} parameters ({available} available on {device}): {list}</source>
        <translation>约 {parameters} 参数所需内存（{device} 上可用 {available}）：{list}</translation>
    </message>
    <message>
        <source>Memory for {parameters} parameters ({available} available on {device}): {list}</source>
        <translation>{parameters} 参数所需内存（{device} 上可用 {available}）：{list}</translation>
    </message>
    <message>
        <source>Memory: no weight file is ticked.</source>
        <translation>内存：未勾选任何权重文件。</translation>
    </message>
</context>
<context>
    <name>SentencesPage</name>
    <message>
        <source>Texts to map, one per line (or press Example, or load a .txt or CSV file)</source>
        <translation>要映射的文本，每行一条（或点击“示例”，或载入 .txt 或 CSV 文件）</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>80 short sentences on four topics: cooking, football, computers, weather</source>
        <translation>80 个短句，涉及四个主题：烹饪、足球、计算机、天气</translation>
    </message>
    <message>
        <source>Load file…</source>
        <translation>载入文件…</translation>
    </message>
    <message>
        <source>A .txt file (one text per line) or a CSV/TSV column, with an optional label column</source>
        <translation>.txt 文件（每行一条文本）或 CSV/TSV 中的一列，可另选一个标签列</translation>
    </message>
    <message>
        <source>The column holding the texts</source>
        <translation>存放文本的列</translation>
    </message>
    <message>
        <source>A column of labels to colour the points by</source>
        <translation>按其为点着色的标签列</translation>
    </message>
    <message>
        <source>the model&apos;s own (else mean)</source>
        <translation>模型自带的（否则取平均）</translation>
    </message>
    <message>
        <source>mean of tokens</source>
        <translation>词元平均</translation>
    </message>
    <message>
        <source>first token (CLS)</source>
        <translation>首个词元（CLS）</translation>
    </message>
    <message>
        <source>last token</source>
        <translation>最后一个词元</translation>
    </message>
    <message>
        <source>max over tokens</source>
        <translation>词元最大值</translation>
    </message>
    <message>
        <source>How the token vectors of a text become one vector</source>
        <translation>如何把一条文本的各词元向量合成一个向量</translation>
    </message>
    <message>
        <source>PCA</source>
        <translation>PCA</translation>
    </message>
    <message>
        <source>t-SNE</source>
        <translation>t-SNE</translation>
    </message>
    <message>
        <source>PCA: fast and faithful to large distances. t-SNE: keeps neighbours together, slower; above {n} texts it maps a stated random sample.</source>
        <translation>PCA：速度快，能忠实反映较大的距离。t-SNE：让近邻聚在一起，较慢；超过 {n} 条文本时只映射一个注明的随机样本。</translation>
    </message>
    <message>
        <source>no clusters</source>
        <translation>不聚类</translation>
    </message>
    <message>
        <source> clusters</source>
        <translation> 个簇</translation>
    </message>
    <message>
        <source>k-means over the vectors (cosine); 0 for none</source>
        <translation>对向量做 k 均值聚类（余弦）；0 表示不聚类</translation>
    </message>
    <message>
        <source>colour by label</source>
        <translation>按标签着色</translation>
    </message>
    <message>
        <source>colour by cluster</source>
        <translation>按簇着色</translation>
    </message>
    <message>
        <source>Embed and map</source>
        <translation>嵌入并映射</translation>
    </message>
    <message>
        <source>Embed every text with the model, then place them on a 2D map (Ctrl+Return)</source>
        <translation>用模型嵌入每条文本，再把它们放到二维图上（Ctrl+Return）</translation>
    </message>
    <message>
        <source>Text column:</source>
        <translation>文本列：</translation>
    </message>
    <message>
        <source>Labels:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>Pooling:</source>
        <translation>池化：</translation>
    </message>
    <message>
        <source>Map:</source>
        <translation>映射：</translation>
    </message>
    <message>
        <source>Clusters:</source>
        <translation>聚类：</translation>
    </message>
    <message>
        <source>Colours:</source>
        <translation>颜色：</translation>
    </message>
    <message>
        <source>No analysis yet. Add texts (or press Example), then Embed and map: each text becomes one point, similar texts land close together.</source>
        <translation>尚无分析结果。添加文本（或点击“示例”），然后点击“嵌入并映射”：每条文本成为一个点，相似的文本会靠在一起。</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Click a point to list its nearest neighbours.</source>
        <translation>点击一个点，列出它的最近邻。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>{n} texts · pooling: {pooling}</source>
        <translation>{n} 条文本 · 池化：{pooling}</translation>
    </message>
    <message>
        <source>PCA: the two axes explain {a:.1%} and {b:.1%} of the variance</source>
        <translation>PCA：两条轴分别解释了 {a:.1%} 和 {b:.1%} 的方差</translation>
    </message>
    <message>
        <source>t-SNE: distances between far-apart groups mean little; neighbours do</source>
        <translation>t-SNE：相距较远的组之间的距离意义不大；近邻关系才有意义</translation>
    </message>
    <message>
        <source>cluster {n}</source>
        <translation>簇 {n}</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>（无标签）</translation>
    </message>
    <message>
        <source>texts</source>
        <translation>文本</translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message>
        <source>Add a server</source>
        <translation>添加服务器</translation>
    </message>
    <message>
        <source>Use models served by another computer: vLLM (http://HOST:8000), llama.cpp&apos;s server (http://HOST:8080), Ollama (http://HOST:11434) or LM Studio (http://HOST:1234). Generate and Chat stream from it with each token&apos;s probabilities; views that look inside a model need its weights here. The API key is kept in the system keyring, or in a file only you can read.</source>
        <translation>使用另一台计算机上提供的模型：vLLM（http://HOST:8000）、llama.cpp 服务器（http://HOST:8080）、Ollama（http://HOST:11434）或 LM Studio（http://HOST:1234）。“生成”和“对话”会从它流式获取结果，并显示每个词元的概率；需要查看模型内部的视图则要求权重在本机。API 密钥保存在系统密钥环中，或保存在只有你能读取的文件里。</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>基础 URL</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Servers added</source>
        <translation>已添加的服务器</translation>
    </message>
    <message>
        <source>API key in the keyring</source>
        <translation>API 密钥在密钥环中</translation>
    </message>
    <message>
        <source>API key in a private file</source>
        <translation>API 密钥在私有文件中</translation>
    </message>
    <message>
        <source>no API key</source>
        <translation>无 API 密钥</translation>
    </message>
    <message>
        <source>Asking {url} for its models…</source>
        <translation>正在向 {url} 询问其模型…</translation>
    </message>
    <message>
        <source>Added {url}: {n} model(s): {models}. They are in the model picker, marked remote.</source>
        <translation>已添加 {url}：{n} 个模型：{models}。它们已出现在模型选择器中，标记为远程。</translation>
    </message>
    <message>
        <source>Removed {url} and its key.</source>
        <translation>已移除 {url} 及其密钥。</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <source>Greedy</source>
        <translation>贪心</translation>
    </message>
    <message>
        <source>Greedy: pick the likeliest token every time: the same prompt always gives the same text. The sampling controls below are then not used.</source>
        <translation>贪心：每次都选概率最高的词元，同一个提示总是得到同样的文本。此时下面的采样控件不起作用。</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Repetition penalty</source>
        <translation>重复惩罚</translation>
    </message>
    <message>
        <source>No-repeat n-gram</source>
        <translation>禁止重复 n-gram</translation>
    </message>
    <message>
        <source>Beams</source>
        <translation>束数</translation>
    </message>
    <message>
        <source>Max new tokens</source>
        <translation>最大新词元数</translation>
    </message>
    <message>
        <source>Alternatives shown</source>
        <translation>显示候选数</translation>
    </message>
    <message>
        <source>Range {low:g} to {high:g}.</source>
        <translation>范围 {low:g} 到 {high:g}。</translation>
    </message>
    <message>
        <source>e.g.  \n\n | User:</source>
        <translation>例如  \n\n | User:</translation>
    </message>
    <message>
        <source>Stop when the generated text contains one of these. Separate several with | ; write \n for a new line. The text is cut before the stop string.</source>
        <translation>生成的文本包含其中任意一个时停止。多个之间用 | 分隔；换行写作 \n。文本会在停止字符串之前截断。</translation>
    </message>
    <message>
        <source>Stop strings</source>
        <translation>停止字符串</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>固定</translation>
    </message>
    <message>
        <source>With a fixed seed, the same settings give the same text every time. Without it, each run uses a new seed (shown after the run).</source>
        <translation>固定种子时，相同的设置每次得到相同的文本。不固定时，每次运行使用新的种子（运行后显示）。</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
</context>
<context>
    <name>SideBySide</name>
    <message>
        <source>&lt;b&gt;Source&lt;/b&gt;</source>
        <translation>&lt;b&gt;原文&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Result&lt;/b&gt;</source>
        <translation>&lt;b&gt;结果&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>原文</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>译文</translation>
    </message>
    <message>
        <source>Your message</source>
        <translation>你的消息</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Beginning</source>
        <translation>开头</translation>
    </message>
    <message>
        <source>Continuation</source>
        <translation>续写</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>(the model produced no text)</source>
        <translation>（模型没有生成任何文本）</translation>
    </message>
</context>
<context>
    <name>SpanView</name>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
</context>
<context>
    <name>SpeedupChoice</name>
    <message>
        <source>Speed-up</source>
        <translation>加速</translation>
    </message>
    <message>
        <source>Speculative decoding: something cheap proposes several tokens and the model checks them all in one pass. Prompt lookup copies what followed the same words earlier in the prompt (good for rewriting, summarising, editing code); a draft model is a smaller model with the same tokenizer. The text is the one the model would write anyway: greedy gives the same tokens, sampling the same distribution.</source>
        <translation>推测解码：由一个代价低的来源提议若干词元，模型在一次前向计算中全部核对。提示查找会复制提示中同样词语之后出现过的内容（适合改写、摘要、修改代码）；草稿模型是使用相同分词器的较小模型。生成的文本与模型本来会写的一样：贪心解码得到相同的词元，采样保持相同的分布。</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>The most tokens proposed at once (around 10 for prompt lookup, 4 to 6 for a draft model).</source>
        <translation>一次最多提议的词元数（提示查找约 10 个，草稿模型 4 到 6 个）。</translation>
    </message>
    <message>
        <source>Tokens at once</source>
        <translation>每次词元数</translation>
    </message>
    <message>
        <source>a smaller model of the same family</source>
        <translation>同一系列的较小模型</translation>
    </message>
    <message>
        <source>The draft model: short name, store name, hub id or folder. It must use the same tokenizer as the model.</source>
        <translation>草稿模型：简称、库中名称、Hub ID 或文件夹。它必须与模型使用相同的分词器。</translation>
    </message>
    <message>
        <source>Draft model</source>
        <translation>草稿模型</translation>
    </message>
    <message>
        <source>proposed and kept</source>
        <translation>被提议并保留</translation>
    </message>
    <message>
        <source>proposal rejected: the model’s own</source>
        <translation>提议被拒绝：模型自己的词元</translation>
    </message>
    <message>
        <source>plain: generated normally</source>
        <translation>普通：正常生成</translation>
    </message>
    <message>
        <source>How the token table marks each token while speculative decoding is on</source>
        <translation>开启推测解码时，词元表如何标记每个词元</translation>
    </message>
    <message>
        <source>Speculative decoding runs on the transformers engine only.</source>
        <translation>推测解码只能在 transformers 引擎上运行。</translation>
    </message>
    <message>
        <source>Waiting for the first proposals…</source>
        <translation>正在等待第一批提议…</translation>
    </message>
    <message>
        <source>{accepted} of {proposed} proposed tokens kept ({rate}) · {passes} passes for {n} tokens</source>
        <translation>提议的 {proposed} 个词元中保留了 {accepted} 个（{rate}）· {n} 个词元用了 {passes} 次前向计算</translation>
    </message>
    <message>
        <source>Speed-up ×{speedup:.2f} ({fast:.1f} against {plain:.1f} tokens/s without proposals)</source>
        <translation>加速 ×{speedup:.2f}（{fast:.1f} 词元/秒，不提议时为 {plain:.1f} 词元/秒）</translation>
    </message>
    <message>
        <source>Slower than without speculation here: the proposals are mostly wrong (free-form text). Turn the speed-up off for text like this.</source>
        <translation>这里比不用推测解码还慢：提议大多是错的（自由文本）。对这类文本请关闭加速。</translation>
    </message>
</context>
<context>
    <name>StateHeatmap</name>
    <message>
        <source>unit</source>
        <translation>单元</translation>
    </message>
</context>
<context>
    <name>StaticVsContextual</name>
    <message>
        <source>Static vs contextual</source>
        <translation>静态与上下文向量</translation>
    </message>
    <message>
        <source>Static word vectors from the library (train or load them on the Word vectors page)</source>
        <translation>模型库中的静态词向量（可在“词向量训练”页训练或加载）</translation>
    </message>
    <message>
        <source>Compare contexts first: the word&apos;s static vector is then set beside its contextual vectors.</source>
        <translation>先比较上下文：之后这个词的静态向量会与它的上下文向量并排显示。</translation>
    </message>
    <message>
        <source>Static vectors:</source>
        <translation>静态向量：</translation>
    </message>
    <message>
        <source>(none in the library)</source>
        <translation>（模型库中没有）</translation>
    </message>
    <message>
        <source>contextual, layer {name}: {n} points</source>
        <translation>上下文向量，第 {name} 层：{n} 个点</translation>
    </message>
    <message>
        <source>static ({name}): 1 point</source>
        <translation>静态向量（{name}）：1 个点</translation>
    </message>
    <message>
        <source>static: choose word vectors</source>
        <translation>静态向量：请选择词向量</translation>
    </message>
    <message>
        <source>Contextual: mean cosine between the {n} sentences at this layer {mean:.3f}; each sentence gives &apos;{word}&apos; its own vector.</source>
        <translation>上下文向量：这一层中 {n} 个句子之间的平均余弦相似度为 {mean:.3f}；每个句子都给“{word}”一个自己的向量。</translation>
    </message>
    <message>
        <source>Static: &apos;{word}&apos; has one vector in {name}, whatever the sentence (cosine 1 between every pair). </source>
        <translation>静态向量：在 {name} 中“{word}”只有一个向量，与句子无关（任意两句之间余弦相似度都是 1）。</translation>
    </message>
</context>
<context>
    <name>Tabs</name>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Fine-tune</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Embeddings</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <source>Learn</source>
        <translation>学习</translation>
    </message>
</context>
<context>
    <name>TaskPage</name>
    <message>
        <source>Only models that fit this task are offered</source>
        <translation>只列出适合此任务的模型</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>Fill the inputs with an example</source>
        <translation>用示例填充输入</translation>
    </message>
    <message>
        <source>Load documents…</source>
        <translation>载入文档…</translation>
    </message>
    <message>
        <source>Read documents from a text file (one per line) or a CSV file</source>
        <translation>从文本文件（每行一篇）或 CSV 文件读取文档</translation>
    </message>
    <message>
        <source>The longest answer, in tokens (greedy decoding)</source>
        <translation>回答的最大长度，以词元计（贪心解码）</translation>
    </message>
    <message>
        <source>New tokens:</source>
        <translation>新词元数：</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run the task (Ctrl+Return)</source>
        <translation>运行任务（Ctrl+Return）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the running task (Esc)</source>
        <translation>停止正在运行的任务（Esc）</translation>
    </message>
    <message>
        <source>Choose or type a language (instruct models follow it; translation models have their own pair)</source>
        <translation>选择或输入一种语言（指令模型会遵循它；翻译模型有自己固定的语言对）</translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation>{label}：</translation>
    </message>
</context>
<context>
    <name>TasksTab</name>
    <message>
        <source>Example (English)</source>
        <translation>示例（英文）</translation>
    </message>
    <message>
        <source>Example (Chinese)</source>
        <translation>示例（中文）</translation>
    </message>
    <message>
        <source>its classifier head</source>
        <translation>它的分类头</translation>
    </message>
    <message>
        <source>zero-shot NLI</source>
        <translation>零样本 NLI</translation>
    </message>
    <message>
        <source>by prompting</source>
        <translation>通过提示</translation>
    </message>
    <message>
        <source>its token-classification head</source>
        <translation>它的词元分类头</translation>
    </message>
    <message>
        <source>its question-answering head</source>
        <translation>它的问答头</translation>
    </message>
    <message>
        <source>sequence to sequence</source>
        <translation>序列到序列</translation>
    </message>
    <message>
        <source>its masked-LM head</source>
        <translation>它的掩码语言模型头</translation>
    </message>
    <message>
        <source>sentence embeddings</source>
        <translation>句子嵌入</translation>
    </message>
    <message>
        <source>its chat template</source>
        <translation>它的对话模板</translation>
    </message>
    <message>
        <source>plain continuation</source>
        <translation>直接续写</translation>
    </message>
    <message>
        <source>No model on this computer fits {task}: it needs {needs}. Get one in the Models tab, or fine-tune one.</source>
        <translation>本机没有适合“{task}”的模型：需要{needs}。请在“模型”页获取一个，或者自己微调一个。</translation>
    </message>
    <message>
        <source>Reading the model library…</source>
        <translation>正在读取模型库…</translation>
    </message>
    <message>
        <source>An instruct model: the task is done by prompting it, which a model made for the task usually does better.</source>
        <translation>指令模型：通过提示来完成任务；专为该任务训练的模型通常做得更好。</translation>
    </message>
    <message>
        <source>Runs with {method}.</source>
        <translation>使用{method}运行。</translation>
    </message>
    <message>
        <source>Checking whether {name} reads Chinese…</source>
        <translation>正在检查 {name} 能否读懂中文…</translation>
    </message>
    <message>
        <source>Chinese example hidden: the tokenizer of {name} could not be read.</source>
        <translation>已隐藏中文示例：无法读取 {name} 的分词器。</translation>
    </message>
    <message>
        <source>Unknown characters: {unknown:.0%} · tokens per character: {tokens:.2f} · byte pieces per character: {pieces:.2f}</source>
        <translation>未知字符：{unknown:.0%} · 每字符词元数：{tokens:.2f} · 每字符字节片段数：{pieces:.2f}</translation>
    </message>
    <message>
        <source>{name} is not in the model library.</source>
        <translation>{name} 不在模型库中。</translation>
    </message>
    <message>
        <source>Import it in the Models tab first, then try it here.</source>
        <translation>请先在“模型”页导入它，再到这里试用。</translation>
    </message>
    <message>
        <source>{name} fits none of the task demos ({kinds}).</source>
        <translation>{name} 不适合任何任务演示（{kinds}）。</translation>
    </message>
    <message>
        <source>Task demos need a task head (classification, NER, QA, fill-mask), an encoder, a sequence-to-sequence model or a causal language model.</source>
        <translation>任务演示需要带任务头的模型（分类、NER、问答、填空）、编码器、序列到序列模型或因果语言模型。</translation>
    </message>
    <message>
        <source>Load documents</source>
        <translation>载入文档</translation>
    </message>
    <message>
        <source>Text or CSV files (*.txt *.csv *.tsv);;All files (*)</source>
        <translation>文本或 CSV 文件 (*.txt *.csv *.tsv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Loaded {n} documents from {name}.</source>
        <translation>已从 {name} 载入 {n} 篇文档。</translation>
    </message>
    <message>
        <source>No model is chosen for {task}.</source>
        <translation>尚未为“{task}”选择模型。</translation>
    </message>
    <message>
        <source>This task needs {needs}; get one in the Models tab.</source>
        <translation>此任务需要{needs}；请在“模型”页获取。</translation>
    </message>
    <message>
        <source>Running {task} on {name}…</source>
        <translation>正在用 {name} 运行“{task}”…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Failed; see the message above.</source>
        <translation>失败；请查看上方的消息。</translation>
    </message>
    <message>
        <source>Done in {seconds:.2f} s with {name} ({method}).</source>
        <translation>用 {name}（{method}）完成，用时 {seconds:.2f} 秒。</translation>
    </message>
</context>
<context>
    <name>TokenInspector</name>
    <message>
        <source>Open in Attention</source>
        <translation>在“注意力”中打开</translation>
    </message>
    <message>
        <source>Show the attention of every layer and head at this token&apos;s step in the Attention tab</source>
        <translation>在“注意力”标签页中显示这个词元这一步的每一层、每个头的注意力</translation>
    </message>
    <message>
        <source>Probabilities</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Logits → probabilities</source>
        <translation>Logits → 概率</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Logit lens</source>
        <translation>Logit 透镜</translation>
    </message>
    <message>
        <source>Attribution</source>
        <translation>归因</translation>
    </message>
    <message>
        <source>This token came from llama.cpp, which does not show the model&apos;s layers. The attention row, logit lens and attribution run the transformers model: the GGUF is converted once (seconds for a small model) and loaded in place of llama.cpp.</source>
        <translation>这个词元由 llama.cpp 生成，而 llama.cpp 不提供模型各层的内部数据。注意力行、Logit 透镜和归因需要 transformers 模型：GGUF 文件只需转换一次（小模型只要几秒），随后替代 llama.cpp 载入。</translation>
    </message>
    <message>
        <source>Switch to transformers</source>
        <translation>切换到 transformers</translation>
    </message>
    <message>
        <source>Inspect this token with the transformers model, and generate with transformers from now on</source>
        <translation>用 transformers 模型检查这个词元，之后也用 transformers 生成</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Before filters</source>
        <translation>过滤前</translation>
    </message>
    <message>
        <source>After filters</source>
        <translation>过滤后</translation>
    </message>
    <message>
        <source>layer </source>
        <translation>层 </translation>
    </message>
    <message>
        <source>One head, or the mean over the layer&apos;s heads</source>
        <translation>单个头，或该层各头的平均</translation>
    </message>
    <message>
        <source>How much the position that chose this token looked at each earlier token (darker = more); hover a token for its weight</source>
        <translation>选出这个词元的位置对前面每个词元的关注程度（越深越多）；鼠标悬停在词元上可查看权重</translation>
    </message>
    <message>
        <source>Each cell: the top prediction of that layer (row) at that position (column); colour = its probability. Hover for the top-k.</source>
        <translation>每个单元格：该层（行）在该位置（列）的首选预测；颜色 = 其概率。鼠标悬停可查看 Top-k。</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Integrated gradients: from zero embeddings to the real ones, how much each token moved the log-probability (the scores add up to the change).
Gradient × input: a one-step, faster estimate.
Attention rollout: how much each token flows into this position through attention (unsigned), for comparison.</source>
        <translation>积分梯度：从全零嵌入到真实嵌入，每个词元使对数概率变化了多少（各分数之和等于总变化）。
梯度 × 输入：一步完成、更快的估计。
注意力展开：每个词元通过注意力流入这个位置的多少（无正负号），用于对比。</translation>
    </message>
    <message>
        <source>steps </source>
        <translation>步数 </translation>
    </message>
    <message>
        <source>Integrated-gradients steps: more steps, smaller convergence delta, slower</source>
        <translation>积分梯度的步数：步数越多，收敛误差越小，但越慢</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>归因</translation>
    </message>
    <message>
        <source>Compute which earlier tokens pushed the model toward this token</source>
        <translation>计算是哪些前面的词元把模型推向了这个词元</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Red pushed the model toward the token, blue away from it; hover a token for its score</source>
        <translation>红色把模型推向这个词元，蓝色则推离；鼠标悬停在词元上可查看分数</translation>
    </message>
    <message>
        <source>&lt;b&gt;{label} “{token}”&lt;/b&gt;: probability {p}, after filters {q}</source>
        <translation>&lt;b&gt;{label}“{token}”&lt;/b&gt;：概率 {p}，过滤后 {q}</translation>
    </message>
    <message>
        <source>Choose a method and press Attribute.</source>
        <translation>选择一种方法，然后点击“归因”。</translation>
    </message>
    <message>
        <source>Click a generated token to inspect it.</source>
        <translation>点击一个生成的词元进行检查。</translation>
    </message>
    <message>
        <source>Reading every layer…</source>
        <translation>正在读取每一层…</translation>
    </message>
    <message>
        <source>⚠ {message} {hint}</source>
        <translation>⚠ {message} {hint}</translation>
    </message>
    <message>
        <source>{model}: {layers} layers, {n} tokens of context.</source>
        <translation>{model}：{layers} 层，上下文 {n} 个词元。</translation>
    </message>
    <message>
        <source>mean of heads</source>
        <translation>各头平均</translation>
    </message>
    <message>
        <source>head {n}</source>
        <translation>第 {n} 头</translation>
    </message>
    <message>
        <source>&lt;p&gt;Layer {layer}, {head}: where the position that chose “{token}” looked.&lt;/p&gt;</source>
        <translation>&lt;p&gt;第 {layer} 层，{head}：选出“{token}”的位置关注了哪里。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>out {n}</source>
        <translation>输出 {n}</translation>
    </message>
    <message>
        <source>emb</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <source>the last {k} of {n} positions</source>
        <translation>{n} 个位置中的最后 {k} 个</translation>
    </message>
    <message>
        <source>all {n} positions</source>
        <translation>全部 {n} 个位置</translation>
    </message>
    <message>
        <source>Top prediction of every layer (rows, output at the top) after each token (columns, {shown}); the bold column chose “{token}”. Below: its probability by layer.</source>
        <translation>每一层（行，输出层在最上面）在每个词元之后（列，{shown}）的首选预测；加粗的列选出了“{token}”。下方：它在各层的概率。</translation>
    </message>
    <message>
        <source>Attributing with {method}…</source>
        <translation>正在用{method}归因…</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>{method}: log p = {lp:.3f}; with every context embedding zero: {base:.3f}; the scores add up to {total:+.3f}</source>
        <translation>{method}：log p = {lp:.3f}；上下文嵌入全为零时：{base:.3f}；各分数之和为 {total:+.3f}</translation>
    </message>
    <message>
        <source> (convergence delta {delta:+.4f}, {steps} steps)</source>
        <translation>（收敛误差 {delta:+.4f}，{steps} 步）</translation>
    </message>
    <message>
        <source>. {seconds:.1f} s.</source>
        <translation>。用时 {seconds:.1f} 秒。</translation>
    </message>
</context>
<context>
    <name>TokenTableModel</name>
    <message>
        <source>Position among the generated tokens</source>
        <translation>在生成词元中的位置</translation>
    </message>
    <message>
        <source>The token, whitespace shown as · and ↵</source>
        <translation>词元，空白显示为 · 和 ↵</translation>
    </message>
    <message>
        <source>The model&apos;s probability of this token, before any sampling filter</source>
        <translation>在任何采样过滤之前，模型给这个词元的概率</translation>
    </message>
    <message>
        <source>The probability it had in the distribution actually sampled from (after temperature, top-k, top-p, ...)</source>
        <translation>它在实际采样的分布中的概率（经过温度、Top-k、Top-p 等之后）</translation>
    </message>
    <message>
        <source>1 = the model&apos;s likeliest token</source>
        <translation>1 = 模型认为最可能的词元</translation>
    </message>
    <message>
        <source>How unsure the model was: 0 = certain; each bit doubles the number of equally likely choices</source>
        <translation>模型有多不确定：0 = 确定；每多 1 比特，等可能的选择数翻一倍</translation>
    </message>
    <message>
        <source>Proposed, and kept by the model</source>
        <translation>被提议，并被模型保留</translation>
    </message>
    <message>
        <source>The model rejected the proposed token id {id}; this is its own</source>
        <translation>模型拒绝了提议的词元 id {id}；这是模型自己的词元</translation>
    </message>
</context>
<context>
    <name>TokensPanel</name>
    <message>
        <source>Each branch continues the same prompt from a token you picked</source>
        <translation>每个分支都从你选定的词元处继续同一个提示</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>分支</translation>
    </message>
    <message>
        <source>Click a token to see the alternatives the model considered.</source>
        <translation>点击一个词元，查看模型考虑过的其他候选。</translation>
    </message>
    <message>
        <source>Continue with this token</source>
        <translation>用这个词元继续</translation>
    </message>
    <message>
        <source>Start a new branch: keep the text before this token, put the chosen alternative in its place, and generate on from there</source>
        <translation>新建分支：保留该词元之前的文本，用选中的候选替换它，再从那里继续生成</translation>
    </message>
    <message>
        <source>Token #{index} “{text}”: probability {prob}, after filters {after}. The alternatives the model considered:</source>
        <translation>词元 #{index}“{text}”：概率 {prob}，过滤后 {after}。模型考虑过的候选：</translation>
    </message>
    <message>
        <source>The token that was generated</source>
        <translation>实际生成的词元</translation>
    </message>
    <message>
        <source>Removed by the sampling filters: it could not have been picked</source>
        <translation>已被采样过滤器去掉：不可能被选中</translation>
    </message>
</context>
<context>
    <name>TrainPage</name>
    <message>
        <source>The base model: a name from the library or a folder</source>
        <translation>基础模型：模型库中的名称或一个文件夹</translation>
    </message>
    <message>
        <source>LoRA (train a small adapter)</source>
        <translation>LoRA（训练一个小型适配器）</translation>
    </message>
    <message>
        <source>rank </source>
        <translation>秩 </translation>
    </message>
    <message>
        <source>rank auto</source>
        <translation>秩 自动</translation>
    </message>
    <message>
        <source>alpha auto</source>
        <translation>alpha 自动</translation>
    </message>
    <message>
        <source>dropout </source>
        <translation>dropout </translation>
    </message>
    <message>
        <source>targets: every linear layer (all-linear)</source>
        <translation>目标层：所有线性层（all-linear）</translation>
    </message>
    <message>
        <source>merge into a full model for the library</source>
        <translation>合并为完整模型放入模型库</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>auto: 3, or more for a small file, so that the run has enough steps</source>
        <translation>自动：3，文件较小时更多，以保证运行有足够的步数</translation>
    </message>
    <message>
        <source>Below 1: a share of the steps; from 1: a number of steps</source>
        <translation>小于 1：占总步数的比例；不小于 1：步数</translation>
    </message>
    <message>
        <source>full</source>
        <translation>完全</translation>
    </message>
    <message>
        <source>Deterministic kernels: a GPU run repeats exactly with the same seed (slower). On the CPU runs repeat exactly anyway.</source>
        <translation>确定性内核：GPU 上用相同种子运行可以完全重现（较慢）。在 CPU 上运行本来就能完全重现。</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Stop when the validation loss has not improved for this many evaluations</source>
        <translation>验证损失连续这么多次评估没有改善时停止</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>The fine-tuned model&apos;s name in the library</source>
        <translation>微调后模型在模型库中的名称</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Grad. accumulation</source>
        <translation>梯度累积</translation>
    </message>
    <message>
        <source>Max length</source>
        <translation>最大长度</translation>
    </message>
    <message>
        <source>Warm-up</source>
        <translation>预热</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>Eval every</source>
        <translation>评估间隔</translation>
    </message>
    <message>
        <source>Checkpoint every</source>
        <translation>检查点间隔</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Early stopping</source>
        <translation>早停</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>保存为</translation>
    </message>
    <message>
        <source>Determinism</source>
        <translation>确定性</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Estimate</source>
        <translation>估算</translation>
    </message>
    <message>
        <source>Run a few real steps: time per step, memory, total time</source>
        <translation>真实运行几步：每步用时、内存、总用时</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <source>Start (Ctrl+Enter). Every row is checked first.</source>
        <translation>开始（Ctrl+Enter）。会先检查每一行。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop after the current step, keeping a checkpoint to resume from</source>
        <translation>在当前步结束后停止，并保存可用于继续的检查点</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>What the training process wrote</source>
        <translation>训练进程输出的内容</translation>
    </message>
    <message>
        <source>Estimate: run a few real steps to see the time and memory.</source>
        <translation>估算：真实运行几步，看看用时和内存。</translation>
    </message>
    <message>
        <source>Open a data file, then start.</source>
        <translation>打开数据文件，然后开始。</translation>
    </message>
    <message>
        <source>Try it</source>
        <translation>试用</translation>
    </message>
    <message>
        <source>targets: {names} (the default for this model)</source>
        <translation>目标模块：{names}（此模型的默认值）</translation>
    </message>
    <message>
        <source>targets: defaults for the architecture</source>
        <translation>目标模块：该架构的默认值</translation>
    </message>
</context>
<context>
    <name>ViewActions</name>
    <message>
        <source>Asking the model for its next token…</source>
        <translation>正在询问模型的下一个词元…</translation>
    </message>
    <message>
        <source>Next token</source>
        <translation>下一个词元</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <source>Inspect token</source>
        <translation>检查词元</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Attention, computed</source>
        <translation>注意力计算过程</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>输入嵌入</translation>
    </message>
    <message>
        <source>Word embeddings</source>
        <translation>词嵌入</translation>
    </message>
    <message>
        <source>Words in context</source>
        <translation>上下文中的词</translation>
    </message>
    <message>
        <source>Word vectors</source>
        <translation>词向量训练</translation>
    </message>
    <message>
        <source>Switch heads off</source>
        <translation>关掉注意力头</translation>
    </message>
    <message>
        <source>From scratch</source>
        <translation>从零训练</translation>
    </message>
    <message>
        <source>Compare runs</source>
        <translation>比较运行</translation>
    </message>
    <message>
        <source>n-gram table</source>
        <translation>n 元语法表</translation>
    </message>
    <message>
        <source>Fine-tune</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
</context>
<context>
    <name>WordVectorsPage</name>
    <message>
        <source>a .txt file (one sentence per line) or a CSV/TSV/JSONL table</source>
        <translation>.txt 文件（每行一句）或 CSV/TSV/JSONL 表格</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>The column holding the text (tables only)</source>
        <translation>存放文本的列（仅限表格）</translation>
    </message>
    <message>
        <source>Word2Vec skip-gram</source>
        <translation>Word2Vec 跳字模型（skip-gram）</translation>
    </message>
    <message>
        <source>Word2Vec CBOW</source>
        <translation>Word2Vec 连续词袋（CBOW）</translation>
    </message>
    <message>
        <source>GloVe</source>
        <translation>GloVe</translation>
    </message>
    <message>
        <source>Skip-gram predicts the words around a word; CBOW predicts a word from the words around it (gensim). GloVe fits the logarithm of the co-occurrence counts (the matrix below).</source>
        <translation>跳字模型用一个词预测它周围的词；CBOW 用周围的词预测中间的词（gensim）。GloVe 拟合共现次数的对数（即下方的矩阵）。</translation>
    </message>
    <message>
        <source>The length of each word&apos;s vector</source>
        <translation>每个词向量的长度</translation>
    </message>
    <message>
        <source>How many words on each side count as context</source>
        <translation>两侧各多少个词算作上下文</translation>
    </message>
    <message>
        <source>Words seen fewer times than this are left out</source>
        <translation>出现次数少于此值的词会被舍弃</translation>
    </message>
    <message>
        <source>Passes over the text (GloVe usually needs 15 or more)</source>
        <translation>遍历文本的轮数（GloVe 通常需要 15 轮以上）</translation>
    </message>
    <message>
        <source>The same seed, text and settings give the same vectors</source>
        <translation>相同的种子、文本和设置会得到相同的向量</translation>
    </message>
    <message>
        <source>words (jieba for Chinese)</source>
        <translation>词（中文用 jieba 分词）</translation>
    </message>
    <message>
        <source>single characters</source>
        <translation>单个汉字</translation>
    </message>
    <message>
        <source>How Chinese text is cut: into words with jieba, or into characters. Other text is cut at spaces and punctuation, lower-cased.</source>
        <translation>中文文本的切分方式：用 jieba 分成词，或切成单字。其他文本按空格和标点切分并转为小写。</translation>
    </message>
    <message>
        <source>The name of the vectors in the library (the model picker)</source>
        <translation>向量在模型库（模型选择器）中的名称</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Train the vectors and save them in the library</source>
        <translation>训练词向量并保存到模型库</translation>
    </message>
    <message>
        <source>Load pre-trained…</source>
        <translation>加载预训练向量…</translation>
    </message>
    <message>
        <source>Import word2vec (text or binary) or GloVe text vectors into the library</source>
        <translation>把 word2vec（文本或二进制）或 GloVe 文本格式的向量导入模型库</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop training; nothing is saved</source>
        <translation>停止训练；不会保存任何内容</translation>
    </message>
    <message>
        <source>Use these vectors</source>
        <translation>使用这些向量</translation>
    </message>
    <message>
        <source>Choose them in the model picker: the Words and Sentences pages then use them</source>
        <translation>在模型选择器中选中它们：“词”和“句子”页随后就会使用它们</translation>
    </message>
    <message>
        <source>No vectors trained yet.</source>
        <translation>尚未训练词向量。</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>文本：</translation>
    </message>
    <message>
        <source>Column:</source>
        <translation>列：</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>方法：</translation>
    </message>
    <message>
        <source>Dimension:</source>
        <translation>维度：</translation>
    </message>
    <message>
        <source>Window:</source>
        <translation>窗口：</translation>
    </message>
    <message>
        <source>Minimum count:</source>
        <translation>最小词频：</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>轮数：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>Chinese:</source>
        <translation>中文切分：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>words separated by commas</source>
        <translation>用逗号分隔的词</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>How often each pair of these words occurs within the window, in the text above</source>
        <translation>在上面的文本中，这些词两两在窗口内共同出现的次数</translation>
    </message>
    <message>
        <source>weighted 1/distance (GloVe&apos;s X)</source>
        <translation>按 1/距离 加权（GloVe 的 X）</translation>
    </message>
    <message>
        <source>GloVe counts a pair d words apart as 1/d; unticked: plain counts</source>
        <translation>GloVe 把相隔 d 个词的一对计为 1/d；不勾选：普通计数</translation>
    </message>
    <message>
        <source>co-occurrences</source>
        <translation>共现次数</translation>
    </message>
    <message>
        <source>The co-occurrence counts of a few words in the text: what GloVe factorises.</source>
        <translation>几个词在文本中的共现次数：这正是 GloVe 分解的矩阵。</translation>
    </message>
    <message>
        <source>Co-occurrences of</source>
        <translation>共现统计</translation>
    </message>
    <message>
        <source>Training text</source>
        <translation>训练文本</translation>
    </message>
    <message>
        <source>Text or table files (*.txt *.csv *.tsv *.jsonl);;All files (*)</source>
        <translation>文本或表格文件 (*.txt *.csv *.tsv *.jsonl);;所有文件 (*)</translation>
    </message>
    <message>
        <source>⚠ Choose a text to train on (Browse…).</source>
        <translation>⚠ 请选择用于训练的文本（浏览…）。</translation>
    </message>
    <message>
        <source>Reading and training…</source>
        <translation>正在读取并训练…</translation>
    </message>
    <message>
        <source>Pre-trained vectors</source>
        <translation>预训练向量</translation>
    </message>
    <message>
        <source>Word vectors (*.txt *.vec *.bin *.gz);;All files (*)</source>
        <translation>词向量 (*.txt *.vec *.bin *.gz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <source>⚠ Choose a text to count in (Browse…).</source>
        <translation>⚠ 请选择要统计的文本（浏览…）。</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Epoch {e} of {E}: loss {loss:.4g}</source>
        <translation>第 {e}/{E} 轮：损失 {loss:.4g}</translation>
    </message>
    <message>
        <source>Saved {name}: {n} words × {dim} in {s:.1f} s. Choose it in the model picker (or press Use these vectors) to find neighbours, analogies and maps.</source>
        <translation>已保存 {name}：{n} 个词 × {dim} 维，用时 {s:.1f} 秒。在模型选择器中选中它（或点击“使用这些向量”），即可查找近邻、类比和绘制分布图。</translation>
    </message>
    <message>
        <source>Counted the co-occurrences of {n} words.</source>
        <translation>已统计 {n} 个词的共现次数。</translation>
    </message>
    <message>
        <source>{n} words; {pairs} pairs met within {w} words of each other. Hover a cell for its count.</source>
        <translation>{n} 个词；在 {w} 个词以内共同出现 {pairs} 对。把鼠标移到格子上可查看次数。</translation>
    </message>
    <message>
        <source>1/distance-weighted count</source>
        <translation>按 1/距离 加权的次数</translation>
    </message>
    <message>
        <source>count</source>
        <translation>次数</translation>
    </message>
</context>
<context>
    <name>WordsPage</name>
    <message>
        <source>a word, e.g. king</source>
        <translation>一个词，例如 king</translation>
    </message>
    <message>
        <source>top </source>
        <translation>前 </translation>
    </message>
    <message>
        <source>Nearest words</source>
        <translation>最近的词</translation>
    </message>
    <message>
        <source>The tokens whose input embeddings are closest by cosine</source>
        <translation>输入嵌入按余弦相似度最接近的词元</translation>
    </message>
    <message>
        <source>Solve</source>
        <translation>求解</translation>
    </message>
    <message>
        <source>The tokens nearest to A − B + C (the three inputs left out)</source>
        <translation>最接近 A − B + C 的词元（不含这三个输入词）</translation>
    </message>
    <message>
        <source>words separated by commas</source>
        <translation>用逗号分隔的词</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Cosine similarity of every pair of these words</source>
        <translation>这些词两两之间的余弦相似度</translation>
    </message>
    <message>
        <source>Neighbours of</source>
        <translation>近邻词</translation>
    </message>
    <message>
        <source>Analogy</source>
        <translation>类比</translation>
    </message>
    <message>
        <source>Similarity of</source>
        <translation>相似度</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>cosine similarity</source>
        <translation>余弦相似度</translation>
    </message>
    <message>
        <source>No analysis yet. Words are rows of the model&apos;s input embedding matrix: find a word&apos;s nearest neighbours, solve an analogy, or compare a list of words.</source>
        <translation>尚无分析结果。词是模型输入嵌入矩阵中的行：可以查找一个词的最近邻、求解类比，或比较一组词。</translation>
    </message>
    <message>
        <source>Cosine similarity of {n} words in the static word vectors.</source>
        <translation>{n} 个词在静态词向量中的余弦相似度。</translation>
    </message>
    <message>
        <source>Cosine similarity of {n} words in the input embeddings.</source>
        <translation>{n} 个词在输入嵌入中的余弦相似度。</translation>
    </message>
    <message>
        <source>Nearest words to &lt;b&gt;{query}&lt;/b&gt; by cosine over the static word vectors</source>
        <translation>在静态词向量中按余弦相似度最接近 &lt;b&gt;{query}&lt;/b&gt; 的词</translation>
    </message>
    <message>
        <source>Nearest tokens to &lt;b&gt;{query}&lt;/b&gt; by cosine over the input embedding matrix</source>
        <translation>在输入嵌入矩阵中按余弦相似度最接近 &lt;b&gt;{query}&lt;/b&gt; 的词元</translation>
    </message>
    <message>
        <source> (tokens: {pieces})</source>
        <translation>（词元：{pieces}）</translation>
    </message>
    <message>
        <source>{n} neighbours of {query}.</source>
        <translation>{query} 的 {n} 个近邻。</translation>
    </message>
</context>
<context>
    <name>WritePage</name>
    <message>
        <source>Type the beginning of a text; the model continues it.</source>
        <translation>输入一段文本的开头，模型会接着写下去。</translation>
    </message>
    <message>
        <source>How many tokens the prompt takes, out of the model&apos;s context window</source>
        <translation>提示占用了模型上下文窗口中的多少个词元</translation>
    </message>
    <message>
        <source>The generated text appears here as it is written.</source>
        <translation>生成的文本会在这里逐步显示。</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Generate with the current settings (Ctrl+Return)</source>
        <translation>用当前设置生成（Ctrl+Return）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop after the current token (Esc)</source>
        <translation>在当前词元之后停止（Esc）</translation>
    </message>
    <message>
        <source>Copy as code</source>
        <translation>复制为代码</translation>
    </message>
    <message>
        <source>Copy a Python program that runs the same model and settings with transformers</source>
        <translation>复制一段用 transformers 以相同模型和设置运行的 Python 程序</translation>
    </message>
    <message>
        <source>{n} prompt tokens of {window}</source>
        <translation>提示 {n} 个词元，上下文窗口 {window}</translation>
    </message>
    <message>
        <source>{n} prompt tokens</source>
        <translation>提示 {n} 个词元</translation>
    </message>
    <message>
        <source>{text}: longer than the context window; shorten it</source>
        <translation>{text}：超过了上下文窗口，请缩短</translation>
    </message>
    <message>
        <source>{text}: not enough room for max new tokens</source>
        <translation>{text}：剩余空间不够生成最大新词元数</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>The window cannot open: Qt needs X libraries that are not installed ({missing}).
Install them with:

    {command}

then start the workbench again. (Headless use needs none of them: the workbench commands and QT_QPA_PLATFORM=offscreen work as they are.)</source>
        <translation>无法打开窗口：Qt 需要的 X 库尚未安装（{missing}）。
请用以下命令安装：

    {command}

然后重新启动 workbench。（无界面使用不需要这些库：workbench 命令和 QT_QPA_PLATFORM=offscreen 可以直接使用。）</translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <source>usage: </source>
        <translation>用法：</translation>
    </message>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s：错误：%(message)s
</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>参数 %(argument_name)s：%(message)s</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>%(heading)s:</source>
        <translation>%(heading)s：</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>显示此帮助信息并退出</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>缺少以下必需参数：%s</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>必须给出以下参数之一：%s</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>不能与参数 %s 同时使用</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>忽略了显式给出的参数值 %r</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>需要一个参数值</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>最多只能有一个参数值</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>至少需要一个参数值</translation>
    </message>
    <message>
        <source>expected %s argument</source>
        <translation>需要 %s 个参数值</translation>
    </message>
    <message>
        <source>expected %s arguments</source>
        <translation>需要 %s 个参数值</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>选项有歧义：%(option)s 可以匹配 %(matches)s</translation>
    </message>
    <message>
        <source>unexpected option string: %s</source>
        <translation>意外的选项：%s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>无法识别的参数：%s</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>无效的 %(type)s 值：%(value)r</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>无效的选择：%(value)r（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>unknown parser %(parser_name)r (choices: %(choices)s)</source>
        <translation>未知的命令 %(parser_name)r（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>can&apos;t open &apos;%(filename)s&apos;: %(error)s</source>
        <translation>无法打开 &apos;%(filename)s&apos;：%(error)s</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>Play with language models on your own computer. Without a command, the desktop app starts.</source>
        <translation>在自己的电脑上体验语言模型。不带命令时启动桌面应用。</translation>
    </message>
    <message>
        <source>show the version number and exit</source>
        <translation>显示版本号并退出</translation>
    </message>
    <message>
        <source>start the GUI offscreen, open every tab, run one small job each, print timings as JSON</source>
        <translation>在屏幕外启动图形界面，打开每个标签页，各运行一个小任务，并以 JSON 输出耗时</translation>
    </message>
    <message>
        <source>show tracebacks and debug logging</source>
        <translation>显示回溯信息和调试日志</translation>
    </message>
    <message>
        <source>language of the app, --smoke and every command&apos;s help and messages; give it before the command (default for the app: Preferences, else the system locale; for commands: English)</source>
        <translation>应用、--smoke 以及各命令的帮助和消息所用的语言；须写在命令之前（应用默认使用首选项中的设置，否则跟随系统区域设置；命令默认使用英文）</translation>
    </message>
    <message>
        <source>where the model runs (default: the app&apos;s setting, normally auto: CUDA, then MPS, then CPU)</source>
        <translation>模型在哪里运行（默认：应用的设置，通常为 auto：依次选用 CUDA、MPS、CPU）</translation>
    </message>
    <message>
        <source>weight precision (default: the app&apos;s setting; auto measures what is fastest here)</source>
        <translation>权重精度（默认：应用的设置；auto 会实测在本机上哪种最快）</translation>
    </message>
    <message>
        <source>warning: {message}</source>
        <translation>警告：{message}</translation>
    </message>
    <message>
        <source>note: {message}</source>
        <translation>注意：{message}</translation>
    </message>
    <message>
        <source>capture attention weights and save them (NPZ) or a view (PNG/SVG/CSV)</source>
        <translation>捕获注意力权重并保存（NPZ），或保存一个视图（PNG/SVG/CSV）</translation>
    </message>
    <message>
        <source>Capture every layer&apos;s and head&apos;s attention on TEXT. FILE.npz holds everything (attentions: layers x heads x query x key, tokens, and rollout with --aggregate rollout); FILE.png/.svg/.csv hold one view: --layer and --head, or an aggregation.</source>
        <translation>捕获 TEXT 上每一层、每个头的注意力。FILE.npz 保存全部内容（attentions：层 × 头 × 查询 × 键；tokens：词元；使用 --aggregate rollout 时还有 rollout：注意力展开）；FILE.png/.svg/.csv 保存一个视图：由 --layer 和 --head 指定，或者是一种汇总。</translation>
    </message>
    <message>
        <source>switch attention heads off and see how the next-token prediction changes</source>
        <translation>关掉注意力头，看下一个词元的预测如何变化</translation>
    </message>
    <message>
        <source>Set the chosen heads&apos; outputs (the input of the attention output projection W^O) to zero, or to their mean over the text, and compare the next-token probabilities (top-k, the change, KL divergence in nats) and a greedy continuation with and without them. --scan switches off one head at a time over the chosen layers and prints a table per head. Causal LMs predict the token after the prompt; masked LMs the token at the first [MASK]. JSON: {before: {top: [{id, token, prob, change}]}, after: {top: [...]}, kl, continuation_before, continuation_after, mode, heads}.</source>
        <translation>把所选头的输出（注意力输出投影 W^O 的输入）置零，或替换为它们在文本上的均值，然后比较开着与关掉这些头时下一个词元的概率（前 k 个、变化量、以奈特为单位的 KL 散度）和贪心续写。--scan 在所选的层上一次只关掉一个头，并逐头输出一张表。因果语言模型预测提示之后的词元；掩码语言模型预测第一个 [MASK] 处的词元。JSON：{before: {top: [{id, token, prob, change}]}, after: {top: [...]}, kl, continuation_before, continuation_after, mode, heads}。</translation>
    </message>
    <message>
        <source>hub id, local path or starter model name</source>
        <translation>Hub ID、本地路径或入门模型名称</translation>
    </message>
    <message>
        <source>the text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>heads to switch off as LAYER.HEAD, comma-separated, e.g. 3.1,5.7 (3.* is every head of layer 3)</source>
        <translation>要关掉的头，写作 层.头，用逗号分隔，例如 3.1,5.7（3.* 表示第 3 层的所有头）</translation>
    </message>
    <message>
        <source>switch off each head of these layers on its own, e.g. 0-3, 1,4 or all</source>
        <translation>逐个单独关掉这些层的每个头，例如 0-3、1,4 或 all</translation>
    </message>
    <message>
        <source>zero: set the heads&apos; outputs to zero; mean: replace them by their mean over the text (default zero)</source>
        <translation>zero：把头的输出置零；mean：替换为它们在文本上的均值（默认 zero）</translation>
    </message>
    <message>
        <source>tokens listed before and after (default 10)</source>
        <translation>之前和之后各列出的词元数（默认 10）</translation>
    </message>
    <message>
        <source>tokens of greedy continuation with and without the heads (default 10)</source>
        <translation>开着与关掉这些头时贪心续写的词元数（默认 10）</translation>
    </message>
    <message>
        <source>{model}: each head {mode} on its own; the original top token is {token!r} (p = {prob:.3f})</source>
        <translation>{model}：每个头单独{mode}；原来的首选词元是 {token!r}（p = {prob:.3f}）</translation>
    </message>
    <message>
        <source>head    KL (nats)  top changed  p(original top)  new top</source>
        <translation>头      KL（奈特） 首选改变     p（原首选）       新首选</translation>
    </message>
    <message>
        <source>{model}: heads {heads} {mode}; KL(before ‖ after) = {kl:.5f} nats</source>
        <translation>{model}：头 {heads} {mode}；KL(之前 ‖ 之后) = {kl:.5f} 奈特</translation>
    </message>
    <message>
        <source>before                            after</source>
        <translation>之前                              之后</translation>
    </message>
    <message>
        <source>continuation before: {text!r}</source>
        <translation>之前的续写：{text!r}</translation>
    </message>
    <message>
        <source>continuation after:  {text!r}</source>
        <translation>之后的续写：{text!r}</translation>
    </message>
    <message>
        <source>the input text (the source text for encoder-decoders)</source>
        <translation>输入文本（编码器-解码器模型的源文本）</translation>
    </message>
    <message>
        <source>a second text (encoders: sentence pairs)</source>
        <translation>第二段文本（编码器：句对）</translation>
    </message>
    <message>
        <source>the decoder text of an encoder-decoder (default: generate it)</source>
        <translation>编码器-解码器模型的解码器文本（默认：自动生成）</translation>
    </message>
    <message>
        <source>generate N tokens first (causal models; encoder-decoders without --target)</source>
        <translation>先生成 N 个词元（因果模型；或未给出 --target 的编码器-解码器模型）</translation>
    </message>
    <message>
        <source>which attention to show (default: self, or encoder for encoder-decoders)</source>
        <translation>显示哪种注意力（默认：self；编码器-解码器模型默认为 encoder）</translation>
    </message>
    <message>
        <source>layer to show, negative counts from the end (default -1)</source>
        <translation>要显示的层，负数表示从末尾倒数（默认 -1）</translation>
    </message>
    <message>
        <source>head to show (default: the aggregation over heads)</source>
        <translation>要显示的头（默认：对各头汇总）</translation>
    </message>
    <message>
        <source>mean or max over the layer&apos;s heads, mean over layers and heads, or attention rollout</source>
        <translation>本层各头的平均值或最大值、所有层和头的平均值，或注意力展开</translation>
    </message>
    <message>
        <source>generation step to show (1-based; with --generate)</source>
        <translation>要显示的生成步（从 1 开始；配合 --generate 使用）</translation>
    </message>
    <message>
        <source>drop special tokens and renormalise each row (default: keep them)</source>
        <translation>去掉特殊词元并把每行重新归一化（默认：保留）</translation>
    </message>
    <message>
        <source>merge subword pieces into words</source>
        <translation>把子词片段合并成词</translation>
    </message>
    <message>
        <source>FILE.npz, FILE.png, FILE.svg or FILE.csv</source>
        <translation>FILE.npz、FILE.png、FILE.svg 或 FILE.csv</translation>
    </message>
    <message>
        <source>print a JSON summary</source>
        <translation>输出 JSON 摘要</translation>
    </message>
    <message>
        <source>{file}: {architecture} attention ({shapes}), {size} held, captured in {seconds:.2f} s</source>
        <translation>{file}：{architecture} 注意力（{shapes}），占用 {size}，捕获用时 {seconds:.2f} 秒</translation>
    </message>
    <message>
        <source>which prompt tokens pushed the model toward a token</source>
        <translation>哪些提示词元把模型推向了某个词元</translation>
    </message>
    <message>
        <source>Score each prompt token for each target token, in float32: integrated gradients over the input embeddings from a zero baseline (captum; the scores sum to target_logprob - baseline_logprob up to convergence_delta), gradient x input, or attention rollout.</source>
        <translation>在 float32 下，针对每个目标词元为每个提示词元打分：积分梯度（在输入嵌入上从全零基线出发，使用 captum；各分数之和在 convergence_delta 的误差内等于 target_logprob - baseline_logprob）、梯度 × 输入，或注意力展开。</translation>
    </message>
    <message>
        <source>hub id, local path or starter model name (a causal LM)</source>
        <translation>Hub ID、本地路径或入门模型名称（因果语言模型）</translation>
    </message>
    <message>
        <source>the prompt</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>the continuation to explain (e.g. &apos; Paris&apos;, with its leading space)</source>
        <translation>要解释的续写（例如 &apos; Paris&apos;，包括开头的空格）</translation>
    </message>
    <message>
        <source>generate N tokens greedily and explain each</source>
        <translation>贪心生成 N 个词元，并逐个解释</translation>
    </message>
    <message>
        <source>ig (integrated gradients, default), grad-x-input, or rollout</source>
        <translation>ig（积分梯度，默认）、grad-x-input（梯度 × 输入）或 rollout（注意力展开）</translation>
    </message>
    <message>
        <source>integrated-gradients steps (default 64)</source>
        <translation>积分梯度的步数（默认 64）</translation>
    </message>
    <message>
        <source>print the JSON document</source>
        <translation>输出 JSON 文档</translation>
    </message>
    <message>
        <source>, convergence delta {delta:+.4f}</source>
        <translation>，收敛误差 {delta:+.4f}</translation>
    </message>
    <message>
        <source>{token}: log p {logprob:.3f} (zero-embedding baseline {baseline:.3f}{delta})</source>
        <translation>{token}：log p {logprob:.3f}（全零嵌入基线 {baseline:.3f}{delta}）</translation>
    </message>
    <message>
        <source>benchmarks: figures and ratios against a baseline in the same process</source>
        <translation>基准测试：在同一进程中与基线对比的数据和比值</translation>
    </message>
    <message>
        <source>which benchmark: {names}</source>
        <translation>哪个基准测试：{names}</translation>
    </message>
    <message>
        <source>print one JSON object</source>
        <translation>输出一个 JSON 对象</translation>
    </message>
    <message>
        <source>model to benchmark (default: the benchmark&apos;s own)</source>
        <translation>要测试的模型（默认：该基准测试自己的模型）</translation>
    </message>
    <message>
        <source>a shorter run (for tests)</source>
        <translation>运行较短的版本（用于测试）</translation>
    </message>
    <message>
        <source>download a model from the Hugging Face Hub into the shared HF cache (resumes where it stopped, verifies every file)</source>
        <translation>从 Hugging Face Hub 下载模型到共享的 HF 缓存（从中断处继续，并校验每个文件）</translation>
    </message>
    <message>
        <source>organisation/name on the hub</source>
        <translation>Hub 上的“组织/名称”</translation>
    </message>
    <message>
        <source>branch, tag or commit (default: main)</source>
        <translation>分支、标签或提交（默认：main）</translation>
    </message>
    <message>
        <source>only files matching these patterns, e.g. &apos;*.safetensors&apos; &apos;*.json&apos;</source>
        <translation>只下载匹配这些模式的文件，例如 &apos;*.safetensors&apos; &apos;*.json&apos;</translation>
    </message>
    <message>
        <source>no progress bar</source>
        <translation>不显示进度条</translation>
    </message>
    <message>
        <source>ETA {time}</source>
        <translation>预计还需 {time}</translation>
    </message>
    <message>
        <source>, {size} were already on disk</source>
        <translation>，其中 {size} 已在磁盘上</translation>
    </message>
    <message>
        <source>{n} files verified ({size} downloaded{resumed}).</source>
        <translation>已校验 {n} 个文件（下载了 {size}{resumed}）。</translation>
    </message>
    <message>
        <source>short name, store name, hub id in the cache, or a path</source>
        <translation>短名称、模型仓库中的名称、缓存中的 Hub ID，或路径</translation>
    </message>
    <message>
        <source>the tokens nearest to WORD in the input embeddings</source>
        <translation>输入嵌入中与 WORD 最近的词元</translation>
    </message>
    <message>
        <source>the tokens nearest to A - B + C</source>
        <translation>与 A - B + C 最近的词元</translation>
    </message>
    <message>
        <source>WORD&apos;s similarity between the sentences of --texts at every layer</source>
        <translation>WORD 在 --texts 各句子之间逐层的相似度</translation>
    </message>
    <message>
        <source>how many neighbours (default 10)</source>
        <translation>近邻个数（默认 10）</translation>
    </message>
    <message>
        <source>texts to map: a .txt (one per line) or a CSV/TSV/JSONL column</source>
        <translation>要映射的文本：.txt 文件（每行一条）或 CSV/TSV/JSONL 中的一列</translation>
    </message>
    <message>
        <source>the text column of a table (default: text/sentence/document/content, else the first)</source>
        <translation>表格中的文本列（默认：text/sentence/document/content，否则取第一列）</translation>
    </message>
    <message>
        <source>maps of many texts: build (resumable), search nearest texts, describe</source>
        <translation>大量文本的地图：构建（可续做）、搜索最近文本、查看信息</translation>
    </message>
    <message>
        <source>embed texts into a folder, index them, lay them out and cluster them; run again to continue</source>
        <translation>把文本嵌入到文件夹中，建立索引、布局并聚类；再次运行可继续</translation>
    </message>
    <message>
        <source>the atlas folder (new, or one to continue)</source>
        <translation>图谱文件夹（新建，或要继续的）</translation>
    </message>
    <message>
        <source>texts: a .txt (one per line) or a CSV/TSV/JSONL column (omit to continue)</source>
        <translation>文本：.txt（每行一条）或 CSV/TSV/JSONL 的某一列（省略则继续已有图谱）</translation>
    </message>
    <message>
        <source>the text column of a table</source>
        <translation>表格中的文本列</translation>
    </message>
    <message>
        <source>a column of labels to keep with each text</source>
        <translation>与每条文本一起保留的标签列</translation>
    </message>
    <message>
        <source>the sentence-embedding model (default all-minilm-l6-v2)</source>
        <translation>句向量模型（默认 all-minilm-l6-v2）</translation>
    </message>
    <message>
        <source>how to place texts in 2D (default pca)</source>
        <translation>如何把文本放到二维平面上（默认 pca）</translation>
    </message>
    <message>
        <source>t-SNE places at most N texts, a seeded sample beyond (default 100000)</source>
        <translation>t-SNE 最多放置 N 条文本，超出时按种子抽样（默认 100000）</translation>
    </message>
    <message>
        <source>k-means clusters named by their words (default: none)</source>
        <translation>k-means 聚类并用词命名（默认：不聚类）</translation>
    </message>
    <message>
        <source>seed of samples, t-SNE and k-means</source>
        <translation>抽样、t-SNE 和 k-means 的随机种子</translation>
    </message>
    <message>
        <source>only say how much disk and memory it needs</source>
        <translation>只报告所需的磁盘和内存</translation>
    </message>
    <message>
        <source>print one JSON document: {folder, texts, embedded, dim, layout, clusters, index, seconds}</source>
        <translation>输出一个 JSON 文档：{folder, texts, embedded, dim, layout, clusters, index, seconds}</translation>
    </message>
    <message>
        <source>the texts nearest to a query, or to text number I</source>
        <translation>与查询或第 I 条文本最接近的文本</translation>
    </message>
    <message>
        <source>a text to embed and look up</source>
        <translation>要嵌入并查找的文本</translation>
    </message>
    <message>
        <source>the neighbours of text number I</source>
        <translation>第 I 条文本的近邻</translation>
    </message>
    <message>
        <source>how many (default 10)</source>
        <translation>数量（默认 10）</translation>
    </message>
    <message>
        <source>print one JSON document: {hits: [{index, text, score}], seconds}</source>
        <translation>输出一个 JSON 文档：{hits: [{index, text, score}], seconds}</translation>
    </message>
    <message>
        <source>what an atlas holds</source>
        <translation>图谱包含的内容</translation>
    </message>
    <message>
        <source>print atlas.json</source>
        <translation>输出 atlas.json</translation>
    </message>
    <message>
        <source>{n} texts in {folder}</source>
        <translation>{folder} 中有 {n} 条文本</translation>
    </message>
    <message>
        <source>k-means clusters (default: none)</source>
        <translation>k-means 簇数（默认：不聚类）</translation>
    </message>
    <message>
        <source>how token vectors become one (default auto: the model&apos;s own, else mean)</source>
        <translation>如何把词元向量合成一个（默认 auto：模型自己的池化方式，否则取平均）</translation>
    </message>
    <message>
        <source>word neighbours and analogies, sentence maps, a word across contexts, word vectors</source>
        <translation>词的近邻与类比、句子分布图、一个词在不同上下文中的变化、词向量</translation>
    </message>
    <message>
        <source>Train static word vectors: --train word2vec|glove --data FILE --name NAME --json prints {model_path, name, vocab_size, dim, seconds, method, losses}; --load-vectors FILE --name NAME imports word2vec (text or binary) or GloVe text. Then -m NAME --neighbours WORD, --analogy A B C and --texts FILE work on them as on any model. --cooccurrence &apos;w1,w2,...&apos; --data FILE prints {words, counts, weighted} (weighted: each pair counted 1/distance, what GloVe fits).</source>
        <translation>训练静态词向量：--train word2vec|glove --data FILE --name NAME --json 输出 {model_path, name, vocab_size, dim, seconds, method, losses}；--load-vectors FILE --name NAME 导入 word2vec（文本或二进制）或 GloVe 文本格式的向量。之后 -m NAME --neighbours WORD、--analogy A B C 和 --texts FILE 可像对任何模型一样使用它们。--cooccurrence &apos;w1,w2,...&apos; --data FILE 输出 {words, counts, weighted}（weighted：每对按 1/距离 计数，即 GloVe 拟合的量）。</translation>
    </message>
    <message>
        <source>train static word vectors on --data and save them as --name</source>
        <translation>在 --data 上训练静态词向量并保存为 --name</translation>
    </message>
    <message>
        <source>import word2vec (text or binary) or GloVe text vectors as --name</source>
        <translation>把 word2vec（文本或二进制）或 GloVe 文本向量导入为 --name</translation>
    </message>
    <message>
        <source>co-occurrence counts of these words (comma-separated) in --data</source>
        <translation>这些词（逗号分隔）在 --data 中的共现次数</translation>
    </message>
    <message>
        <source>training text: a .txt (a sentence per line) or a CSV/TSV/JSONL column</source>
        <translation>训练文本：.txt（每行一句）或 CSV/TSV/JSONL 的一列</translation>
    </message>
    <message>
        <source>the library name of trained or imported vectors</source>
        <translation>训练或导入的向量在模型库中的名称</translation>
    </message>
    <message>
        <source>vector size (default 100)</source>
        <translation>向量维度（默认 100）</translation>
    </message>
    <message>
        <source>context words on each side (default 5)</source>
        <translation>两侧各取的上下文词数（默认 5）</translation>
    </message>
    <message>
        <source>leave out words seen fewer times (default 5)</source>
        <translation>舍弃出现次数更少的词（默认 5）</translation>
    </message>
    <message>
        <source>passes over the text (default 5; GloVe usually needs 15 or more)</source>
        <translation>遍历文本的轮数（默认 5；GloVe 通常需要 15 轮以上）</translation>
    </message>
    <message>
        <source>word2vec: skip-gram (default CBOW)</source>
        <translation>word2vec：使用跳字模型（默认 CBOW）</translation>
    </message>
    <message>
        <source>Chinese text: words (jieba) or single characters (default words)</source>
        <translation>中文文本：按词（jieba）或按单字切分（默认按词）</translation>
    </message>
    <message>
        <source>seed of t-SNE, k-means and word-vector training (default 0)</source>
        <translation>t-SNE、k-means 和词向量训练的随机种子（默认 0）</translation>
    </message>
    <message>
        <source>write the vectors: .npz (vectors, texts, labels, xy) or .csv</source>
        <translation>写出向量：.npz（vectors、texts、labels、xy）或 .csv</translation>
    </message>
    <message>
        <source>print one JSON document</source>
        <translation>输出一个 JSON 文档</translation>
    </message>
    <message>
        <source>&apos;{word}&apos; in {n} sentences; cosine between each pair, layer by layer</source>
        <translation>“{word}”出现在 {n} 个句子中；逐层列出每对句子之间的余弦相似度</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>{n} texts, pooling: {pooling}</source>
        <translation>{n} 条文本，池化：{pooling}</translation>
    </message>
    <message>
        <source>PCA explains {a:.1%} + {b:.1%} of the variance</source>
        <translation>PCA 解释了 {a:.1%} + {b:.1%} 的方差</translation>
    </message>
    <message>
        <source>cluster {n}</source>
        <translation>簇 {n}</translation>
    </message>
    <message>
        <source>nearest {n}</source>
        <translation>最近邻 {n}</translation>
    </message>
    <message>
        <source>epoch {e}/{E}: loss {loss:.4f}</source>
        <translation>第 {e}/{E} 轮：损失 {loss:.4f}</translation>
    </message>
    <message>
        <source>Saved {name}: {n} words × {dim} in {s:.1f} s ({path})</source>
        <translation>已保存 {name}：{n} 个词 × {dim} 维，用时 {s:.1f} 秒（{path}）</translation>
    </message>
    <message>
        <source>fits</source>
        <translation>放得下</translation>
    </message>
    <message>
        <source>tight</source>
        <translation>勉强</translation>
    </message>
    <message>
        <source>will not fit</source>
        <translation>放不下</translation>
    </message>
    <message>
        <source>fine-tune a model on your own CSV/TSV/JSONL file</source>
        <translation>用你自己的 CSV/TSV/JSONL 文件微调模型</translation>
    </message>
    <message>
        <source>Fine-tune a model on a CSV, TSV or JSONL file. Every row is checked first.</source>
        <translation>用 CSV、TSV 或 JSONL 文件微调模型。训练前会先检查每一行。</translation>
    </message>
    <message>
        <source>base model: a starter name, a store name, a hub id in the cache, or a path</source>
        <translation>基础模型：入门模型名称、模型仓库中的名称、缓存中的 Hub ID，或路径</translation>
    </message>
    <message>
        <source>the training table (.csv, .tsv, .jsonl)</source>
        <translation>训练数据表（.csv、.tsv、.jsonl）</translation>
    </message>
    <message>
        <source>what to train: classification, causal-lm (prompt and response, or text) or seq2seq (source and target)</source>
        <translation>训练什么：classification（分类）、causal-lm（提示和回复，或纯文本）或 seq2seq（源文本和目标文本）</translation>
    </message>
    <message>
        <source>columns (guessed from names and content when not given)</source>
        <translation>列（未给出时根据列名和内容推断）</translation>
    </message>
    <message>
        <source>validation split</source>
        <translation>验证集划分</translation>
    </message>
    <message>
        <source>a second file for validation</source>
        <translation>用于验证的第二个文件</translation>
    </message>
    <message>
        <source>share of rows held out for validation (default 0.1; 0 = none)</source>
        <translation>留作验证的行所占比例（默认 0.1；0 表示不留）</translation>
    </message>
    <message>
        <source>a column saying train / validation per row</source>
        <translation>逐行标明 train / validation 的列</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>default: 3, or more for a small file (enough steps to change the model)</source>
        <translation>默认：3，文件较小时更多（保证有足够的步数改变模型）</translation>
    </message>
    <message>
        <source>learning rate (default 5e-5, 2e-5 for 1B+ models; with --lora 5e-4, 2e-4 for 1B+)</source>
        <translation>学习率（默认 5e-5，1B+ 模型为 2e-5；使用 --lora 时为 5e-4，1B+ 模型为 2e-4）</translation>
    </message>
    <message>
        <source>rows per step (default 8)</source>
        <translation>每步的行数（默认 8）</translation>
    </message>
    <message>
        <source>gradient accumulation steps</source>
        <translation>梯度累积步数</translation>
    </message>
    <message>
        <source>tokens per row; longer rows are cut</source>
        <translation>每行的词元数；更长的行会被截断</translation>
    </message>
    <message>
        <source>warm-up: a share of the steps (&lt;1) or a step count (default 0.1)</source>
        <translation>预热：占总步数的比例（&lt;1）或步数（默认 0.1）</translation>
    </message>
    <message>
        <source>weight decay (default 0)</source>
        <translation>权重衰减（默认 0）</translation>
    </message>
    <message>
        <source>evaluate every N steps (default: ten times a run)</source>
        <translation>每 N 步评估一次（默认：每次运行评估十次）</translation>
    </message>
    <message>
        <source>checkpoint every N steps (default: at each evaluation)</source>
        <translation>每 N 步保存一次检查点（默认：每次评估时）</translation>
    </message>
    <message>
        <source>stop when the validation loss has not improved for N evaluations</source>
        <translation>验证损失连续 N 次评估没有改善时停止</translation>
    </message>
    <message>
        <source>stop after N steps (overrides --epochs)</source>
        <translation>训练 N 步后停止（优先于 --epochs）</translation>
    </message>
    <message>
        <source>seed for weights, data order and the split (default 42)</source>
        <translation>权重、数据顺序和数据划分所用的随机种子（默认 42）</translation>
    </message>
    <message>
        <source>cpu forces the CPU even with a GPU</source>
        <translation>cpu：即使有 GPU 也强制使用 CPU</translation>
    </message>
    <message>
        <source>transformers&apos; full determinism: repeatable on a GPU too (deterministic CUDA kernels, slower)</source>
        <translation>transformers 的完全确定性：在 GPU 上也能完全重现（使用确定性的 CUDA 内核，较慢）</translation>
    </message>
    <message>
        <source>words for BLEU/ROUGE (seq2seq): auto picks zh when the references are Chinese</source>
        <translation>BLEU/ROUGE 的分词方式（seq2seq）：auto 在参考答案为中文时选用 zh</translation>
    </message>
    <message>
        <source>train a LoRA adapter instead of every weight</source>
        <translation>训练 LoRA 适配器，而不是全部权重</translation>
    </message>
    <message>
        <source>rank (default 16)</source>
        <translation>秩（默认 16）</translation>
    </message>
    <message>
        <source>scale (default 2 × rank)</source>
        <translation>缩放系数（默认 2 × 秩）</translation>
    </message>
    <message>
        <source>dropout on the adapter (default 0.05)</source>
        <translation>适配器上的 dropout（默认 0.05）</translation>
    </message>
    <message>
        <source>comma-separated module names (default: all-linear, every linear layer but the head)</source>
        <translation>逗号分隔的模块名（默认：all-linear，即除输出头之外的所有线性层）</translation>
    </message>
    <message>
        <source>put the adapter merged into a full model in the library (default); --no-merge-lora keeps only the adapter in the run folder</source>
        <translation>把适配器合并成完整模型放入模型库（默认）；--no-merge-lora 只在运行文件夹中保留适配器</translation>
    </message>
    <message>
        <source>run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>the run folder (default: a new folder under the runs directory)</source>
        <translation>运行文件夹（默认：在 runs 目录下新建一个文件夹）</translation>
    </message>
    <message>
        <source>library name of the fine-tuned model</source>
        <translation>微调后的模型在模型库中的名称</translation>
    </message>
    <message>
        <source>check every row, print the problems, do not train</source>
        <translation>检查每一行并列出问题，不训练</translation>
    </message>
    <message>
        <source>run a few real steps: time per step, peak memory, estimated total, fits or not</source>
        <translation>实际运行几步：每步用时、峰值内存、预计总时间，以及内存是否放得下</translation>
    </message>
    <message>
        <source>continue the run in --out from its last checkpoint</source>
        <translation>从最近的检查点继续 --out 中的运行</translation>
    </message>
    <message>
        <source>run again with exactly the settings (and seed) recorded in an earlier run&apos;s folder</source>
        <translation>按之前某次运行的文件夹中记录的设置（和随机种子）原样再运行一次</translation>
    </message>
    <message>
        <source>with --resume: train N more epochs on a finished run</source>
        <translation>配合 --resume：在已完成的运行上再训练 N 轮</translation>
    </message>
    <message>
        <source>stream JSON-lines events to stdout (-) or a file</source>
        <translation>把 JSON Lines 事件流输出到标准输出（-）或文件</translation>
    </message>
    <message>
        <source>print one JSON object at the end</source>
        <translation>结束时输出一个 JSON 对象</translation>
    </message>
    <message>
        <source>run folder: {folder}</source>
        <translation>运行文件夹：{folder}</translation>
    </message>
    <message>
        <source>model: {path}</source>
        <translation>模型：{path}</translation>
    </message>
    <message>
        <source>base:</source>
        <translation>基础模型：</translation>
    </message>
    <message>
        <source>fine-tuned:</source>
        <translation>微调后：</translation>
    </message>
    <message>
        <source>row {row}: {input}</source>
        <translation>第 {row} 行：{input}</translation>
    </message>
    <message>
        <source>step {step}: eval loss {loss:.4f}, {metric} {value:.4f}</source>
        <translation>第 {step} 步：评估损失 {loss:.4f}，{metric} {value:.4f}</translation>
    </message>
    <message>
        <source>step {step}/{total}, about {time} left</source>
        <translation>第 {step}/{total} 步，大约还需 {time}</translation>
    </message>
    <message>
        <source>{rows} rows checked: ready to train.</source>
        <translation>已检查 {rows} 行：可以开始训练。</translation>
    </message>
    <message>
        <source>{rows} rows checked: errors block training.</source>
        <translation>已检查 {rows} 行：存在错误，无法训练。</translation>
    </message>
    <message>
        <source>{seconds:.3f} s per step, {steps} steps: about {time} in total</source>
        <translation>每步 {seconds:.3f} 秒，共 {steps} 步：总计约 {time}</translation>
    </message>
    <message>
        <source>peak memory {peak} of {available}: {verdict}</source>
        <translation>峰值内存 {peak}，可用 {available}：{verdict}</translation>
    </message>
    <message>
        <source>eos</source>
        <translation>结束符</translation>
    </message>
    <message>
        <source>length</source>
        <translation>长度上限</translation>
    </message>
    <message>
        <source>stop</source>
        <translation>停止字符串</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>generate text with a causal language model</source>
        <translation>用因果语言模型生成文本</translation>
    </message>
    <message>
        <source>Generate text, streamed to the terminal; with --json, one JSON object with every token, its log-probability and its top alternatives.</source>
        <translation>生成文本并实时输出到终端；使用 --json 时输出一个 JSON 对象，包含每个词元、它的对数概率和概率最高的候选词元。</translation>
    </message>
    <message>
        <source>short name, store name, hub id or folder</source>
        <translation>短名称、模型仓库中的名称、Hub ID 或文件夹</translation>
    </message>
    <message>
        <source>the prompt (completion) or the user message (--chat)</source>
        <translation>提示（续写模式）或用户消息（--chat）</translation>
    </message>
    <message>
        <source>format the prompt with the model&apos;s chat template</source>
        <translation>用模型的对话模板排版提示</translation>
    </message>
    <message>
        <source>system prompt (with --chat)</source>
        <translation>系统提示（配合 --chat 使用）</translation>
    </message>
    <message>
        <source>always pick the likeliest token (no sampling)</source>
        <translation>总是选择概率最高的词元（不采样）</translation>
    </message>
    <message>
        <source>Range {low:g}..{high:g}; default {default}.</source>
        <translation>范围 {low:g}..{high:g}；默认 {default}。</translation>
    </message>
    <message>
        <source>stop when the generated text contains TEXT</source>
        <translation>生成的文本包含 TEXT 时停止</translation>
    </message>
    <message>
        <source>load with int8 weights (CPU; faster, output may differ)</source>
        <translation>以 int8 权重加载（CPU；更快，输出可能不同）</translation>
    </message>
    <message>
        <source>transformers (exact, inspectable) or llamacpp (GGUF models, fast; needs the llamacpp extra)</source>
        <translation>transformers（精确，可查看内部）或 llamacpp（GGUF 模型，速度快；需要安装 llamacpp 附加组件）</translation>
    </message>
    <message>
        <source>generate with a model served by an OpenAI-compatible server (vLLM, llama.cpp&apos;s server, Ollama, LM Studio) at URL; -m names the served model (see workbench servers list --models)</source>
        <translation>使用 URL 处的 OpenAI 兼容服务器（vLLM、llama.cpp 服务器、Ollama、LM Studio）提供的模型生成；-m 指定服务器上的模型名（见 workbench servers list --models）</translation>
    </message>
    <message>
        <source>with --server: how long to wait for the server (default 120)</source>
        <translation>配合 --server：等待服务器的时长（默认 120 秒）</translation>
    </message>
    <message>
        <source>print one JSON object instead of streaming text</source>
        <translation>输出一个 JSON 对象，而不是实时输出文本</translation>
    </message>
    <message>
        <source>the answer must be a JSON object</source>
        <translation>回答必须是一个 JSON 对象</translation>
    </message>
    <message>
        <source>the answer must be JSON matching the JSON schema in FILE</source>
        <translation>回答必须是符合 FILE 中 JSON 模式的 JSON</translation>
    </message>
    <message>
        <source>the answer must match the regular expression R as a whole</source>
        <translation>整个回答必须匹配正则表达式 R</translation>
    </message>
    <message>
        <source>the answer must be one of these (comma-separated)</source>
        <translation>回答必须是这些选项之一（用逗号分隔）</translation>
    </message>
    <message>
        <source>speculative decoding: propose up to N tokens copied from the prompt and the text so far, checked in one pass (transformers engine)</source>
        <translation>推测解码：从提示和已生成文本中复制最多 N 个词元作为提议，一次前向计算核对（transformers 引擎）</translation>
    </message>
    <message>
        <source>speculative decoding with a smaller draft model of the same tokenizer (transformers engine)</source>
        <translation>用分词器相同的较小草稿模型做推测解码（transformers 引擎）</translation>
    </message>
    <message>
        <source>tokens the draft model proposes at once (default 5)</source>
        <translation>草稿模型一次提议的词元数（默认 5）</translation>
    </message>
    <message>
        <source>--json-schema {path}: cannot read the file ({error})</source>
        <translation>--json-schema {path}：无法读取该文件（{error}）</translation>
    </message>
    <message>
        <source>[stopped at a stop string; text without it: {text}]</source>
        <translation>[在停止字符串处停止；去掉它之后的文本：{text}]</translation>
    </message>
    <message>
        <source>, seed {seed}</source>
        <translation>，种子 {seed}</translation>
    </message>
    <message>
        <source>[{n} tokens, {speed:.1f} tokens/s, first token after {ttft:.2f} s, finished by {reason}{seed}]</source>
        <translation>[{n} 个词元，{speed:.1f} 词元/秒，首个词元用时 {ttft:.2f} 秒，结束原因：{reason}{seed}]</translation>
    </message>
    <message>
        <source>[speculative: {accepted} of {proposed} proposed tokens kept ({rate}), {passes} passes for {n} tokens, speed-up about {speedup}x]</source>
        <translation>[推测解码：提议的 {proposed} 个词元中保留了 {accepted} 个（{rate}），{n} 个词元用了 {passes} 次前向计算，加速约 {speedup} 倍]</translation>
    </message>
    <message>
        <source>[format: the grammar changed the model&apos;s top choice at {changed} of {steps} steps]</source>
        <translation>[格式：在 {steps} 步中有 {changed} 步，语法改变了模型的首选]</translation>
    </message>
    <message>
        <source>logit lens: every layer&apos;s top predictions at every position</source>
        <translation>Logit 透镜：每一层在每个位置上概率最高的预测</translation>
    </message>
    <message>
        <source>Read every layer&apos;s hidden state through the model&apos;s final norm and LM head. Layer 0 is the embedding output; the last layer is the model&apos;s real output (its top-1 is the argmax of the logits). Masked LMs: the [MASK] positions are listed.</source>
        <translation>用模型最后的归一化层和语言模型头解读每一层的隐藏状态。第 0 层是嵌入层的输出；最后一层就是模型真正的输出（其 top-1 即 logits 的 argmax）。掩码语言模型：列出 [MASK] 所在的位置。</translation>
    </message>
    <message>
        <source>what goes into the model: token, position and segment embeddings</source>
        <translation>模型的输入是什么：词元嵌入、位置嵌入和句段嵌入</translation>
    </message>
    <message>
        <source>For each input token: the token embedding, the position embedding (learned tables: GPT-2, BERT), BERT&apos;s segment (token type) embedding, their sum and the LayerNorm after it, with norms and cosines, captured from the model&apos;s own embedding modules and checked against what the model passes to its first layer (max_err_vs_model). Rotary models (Llama, Qwen, ...) have no position table: position is applied inside attention. JSON: {tokens, segments, positions, parts: {token, position, segment}, sum, layernorm, norms, cosines, max_err_vs_model, ...}.</source>
        <translation>对每个输入词元：词元嵌入、位置嵌入（学习得到的表：GPT-2、BERT）、BERT 的句段（token type）嵌入、它们的和以及其后的 LayerNorm，并给出范数和余弦相似度。这些数值取自模型自己的嵌入模块，并与模型传给第一层的内容核对（max_err_vs_model）。旋转位置编码模型（Llama、Qwen 等）没有位置表：位置在注意力内部施加。JSON：{tokens, segments, positions, parts: {token, position, segment}, sum, layernorm, norms, cosines, max_err_vs_model, ...}。</translation>
    </message>
    <message>
        <source>softmax(q·Kᵀ/√d_k + mask)·V for one layer, head and query token</source>
        <translation>针对某一层、某个头和某个查询词元计算 softmax(q·Kᵀ/√d_k + mask)·V</translation>
    </message>
    <message>
        <source>For one layer, head and query token: X entering the attention, this head&apos;s W_Q/W_K/W_V and q, K, V (before and after the rotation on rotary models), the scores q·Kᵀ, the scale, the mask, the softmax row, the head&apos;s output, all heads concatenated times W^O, and the residual stream after attention. Recomputed from forward hooks on the model&apos;s own modules; max_err_vs_capture compares the softmax with the weights the model returns, max_err_vs_model W^O&apos;s output and the residual sum with the model&apos;s own tensors. Encoder-decoders: the encoder&apos;s self-attention.</source>
        <translation>针对某一层、某个头和某个查询词元：进入注意力的 X，这个头的 W_Q/W_K/W_V 以及 q、K、V（旋转位置编码模型给出旋转前后），分数 q·Kᵀ、缩放、掩码、softmax 行、这个头的输出、所有头拼接后乘以 W^O，以及注意力之后的残差流。数值由挂在模型自身模块上的前向钩子重新算出；max_err_vs_capture 把 softmax 与模型返回的权重比较，max_err_vs_model 把 W^O 的输出和残差相加结果与模型自己的张量比较。编码器-解码器模型：计算编码器的自注意力。</translation>
    </message>
    <message>
        <source>the input text</source>
        <translation>输入文本</translation>
    </message>
    <message>
        <source>layer, from 0 (default 0)</source>
        <translation>层，从 0 开始（默认 0）</translation>
    </message>
    <message>
        <source>head, from 0 (default 0)</source>
        <translation>头，从 0 开始（默认 0）</translation>
    </message>
    <message>
        <source>the query token&apos;s position, from 0 (default: the last token)</source>
        <translation>查询词元的位置，从 0 开始（默认：最后一个词元）</translation>
    </message>
    <message>
        <source>which attention: self (an encoder-decoder&apos;s encoder), encoder; decoder and cross are not worked through yet</source>
        <translation>哪一种注意力：self（对编码器-解码器模型即编码器）、encoder；decoder 和 cross 目前还不能逐步计算</translation>
    </message>
    <message>
        <source>with --json: include this head&apos;s W_Q, W_K, W_V and the whole W^O</source>
        <translation>与 --json 一起用：包含这个头的 W_Q、W_K、W_V 和完整的 W^O</translation>
    </message>
    <message>
        <source>print a plain torch program that computes the same numbers</source>
        <translation>打印一段算出同样数值的纯 torch 程序</translation>
    </message>
    <message>
        <source>{model}: layer {layer}, head {head} (K/V head {kv}), query token {query} {token!r}; d_k = {dk}, scale {scale:.6g}</source>
        <translation>{model}：第 {layer} 层，第 {head} 个头（K/V 头 {kv}），查询词元 {query} {token!r}；d_k = {dk}，缩放 {scale:.6g}</translation>
    </message>
    <message>
        <source>softmax vs the model&apos;s weights: max error {capture:.2e}; Concat·W^O and residual vs the model: max error {model:.2e}</source>
        <translation>softmax 与模型的权重相比：最大误差 {capture:.2e}；Concat·W^O 和残差与模型相比：最大误差 {model:.2e}</translation>
    </message>
    <message>
        <source>a second text: a sentence pair [CLS] A [SEP] B [SEP] (BERT-style models)</source>
        <translation>第二段文本：组成句对 [CLS] A [SEP] B [SEP]（BERT 类模型）</translation>
    </message>
    <message>
        <source>{model}: {n} tokens, hidden size {d}; position: {scheme}</source>
        <translation>{model}：{n} 个词元，隐藏维度 {d}；位置：{scheme}</translation>
    </message>
    <message>
        <source>check against the model&apos;s own output: max error {err:.2g}</source>
        <translation>与模型自身输出核对：最大误差 {err:.2g}</translation>
    </message>
    <message>
        <source>predictions kept per layer and position (default 5)</source>
        <translation>每层每个位置保留的预测数（默认 5）</translation>
    </message>
    <message>
        <source>{model}: {layers} layers; top prediction per layer (rows) after each token</source>
        <translation>{model}：共 {layers} 层；每行一个词元，列出它之后各层概率最高的预测</translation>
    </message>
    <message>
        <source>starter</source>
        <translation>入门</translation>
    </message>
    <message>
        <source>hf-cache</source>
        <translation>HF 缓存</translation>
    </message>
    <message>
        <source>store</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>the local model library</source>
        <translation>本地模型库</translation>
    </message>
    <message>
        <source>The local model library: list, import or remove models.</source>
        <translation>本地模型库：列出、导入或删除模型。</translation>
    </message>
    <message>
        <source>list the models on this computer</source>
        <translation>列出这台电脑上的模型</translation>
    </message>
    <message>
        <source>print a JSON list</source>
        <translation>输出 JSON 列表</translation>
    </message>
    <message>
        <source>import a model folder or a .gguf file into the workbench store</source>
        <translation>把模型文件夹或 .gguf 文件导入工作台的模型仓库</translation>
    </message>
    <message>
        <source>a model folder or a .gguf file</source>
        <translation>模型文件夹或 .gguf 文件</translation>
    </message>
    <message>
        <source>name in the library (default: the folder or file name)</source>
        <translation>在模型库中的名称（默认：文件夹名或文件名）</translation>
    </message>
    <message>
        <source>delete a model from disk</source>
        <translation>从磁盘上删除模型</translation>
    </message>
    <message>
        <source>the model&apos;s name, as `workbench models list` shows it</source>
        <translation>模型名称，即 `workbench models list` 显示的名称</translation>
    </message>
    <message>
        <source>No models yet. Download one (workbench download ORG/NAME) or import a folder.</source>
        <translation>还没有模型。请下载一个（workbench download ORG/NAME）或导入一个文件夹。</translation>
    </message>
    <message>
        <source>how surprised a model is by a text, token by token</source>
        <translation>逐个词元地看模型对一段文本有多意外</translation>
    </message>
    <message>
        <source>Perplexity = exp(mean negative log-likelihood of every token after the first). Texts longer than the window are scored in windows every --stride tokens (the transformers perplexity recipe).</source>
        <translation>困惑度 = exp（首个词元之后每个词元的负对数似然的平均值）。超过窗口长度的文本分窗口打分，每隔 --stride 个词元开始一个窗口（即 transformers 的困惑度计算方法）。</translation>
    </message>
    <message>
        <source>the text to score</source>
        <translation>要打分的文本</translation>
    </message>
    <message>
        <source>a UTF-8 text file to score</source>
        <translation>要打分的 UTF-8 文本文件</translation>
    </message>
    <message>
        <source>score the text with a second model too</source>
        <translation>同时用第二个模型为文本打分</translation>
    </message>
    <message>
        <source>tokens between window starts (default: half the window)</source>
        <translation>相邻窗口起点之间的词元数（默认：半个窗口）</translation>
    </message>
    <message>
        <source>tokens per window (default: the model&apos;s context, at most 1024)</source>
        <translation>每个窗口的词元数（默认：模型的上下文长度，最多 1024）</translation>
    </message>
    <message>
        <source>score with a model served by an OpenAI-compatible server (-m names it), from the prompt log-probabilities it returns (vLLM&apos;s prompt_logprobs, or echo); JSON: {model, server, perplexity, tokens, source, notes}</source>
        <translation>使用 OpenAI 兼容服务器提供的模型（-m 指定）打分，依据它返回的提示对数概率（vLLM 的 prompt_logprobs，或 echo）；JSON：{model, server, perplexity, tokens, source, notes}</translation>
    </message>
    <message>
        <source>{model} on {server}: perplexity {perplexity:.3f} over {n} tokens ({source})</source>
        <translation>{model}（{server}）：困惑度 {perplexity:.3f}，共 {n} 个词元（{source}）</translation>
    </message>
    <message>
        <source>{model}: perplexity {perplexity:.3f} over {n} tokens ({windows} window(s) of {window}, stride {stride})</source>
        <translation>{model}：{n} 个词元上的困惑度为 {perplexity:.3f}（{windows} 个窗口，每个 {window} 个词元，步幅 {stride}）</translation>
    </message>
    <message>
        <source>{bits:6.2f} bits</source>
        <translation>{bits:6.2f} 比特</translation>
    </message>
    <message>
        <source>train a small language model from scratch on your own text</source>
        <translation>用你自己的文本从零训练一个小型语言模型</translation>
    </message>
    <message>
        <source>the text: a .txt file, or a CSV/TSV/JSONL file with --column</source>
        <translation>文本：.txt 文件，或配合 --column 使用的 CSV/TSV/JSONL 文件</translation>
    </message>
    <message>
        <source>the column of a table that holds the text (one document per row)</source>
        <translation>表格中存放文本的列（每行一篇文档）</translation>
    </message>
    <message>
        <source>passes over the text (default: automatic, at least 600 steps)</source>
        <translation>遍历文本的轮数（默认：自动，至少 600 步）</translation>
    </message>
    <message>
        <source>train for this many minutes, then stop cleanly and save the model</source>
        <translation>训练这么多分钟，然后正常停止并保存模型</translation>
    </message>
    <message>
        <source>seed for weights and data order (default {n})</source>
        <translation>权重和数据顺序的随机种子（默认 {n}）</translation>
    </message>
    <message>
        <source>generate a sample (and evaluate, and checkpoint) every N steps (default: ten per run)</source>
        <translation>每 N 步生成一个样例，同时评估并保存检查点（默认：每次运行十次）</translation>
    </message>
    <message>
        <source>Train an LSTM, GRU or small Transformer language model from scratch on a .txt file or a CSV column, or count an n-gram model. The result is a model in the library. With --json: {status, model_path, name, parameters (weights; for an n-gram model the stored n-grams), metrics: {val_loss, val_perplexity}, samples, run_dir, step, max_steps, message}.</source>
        <translation>在 .txt 文件或 CSV 的一列上从零训练 LSTM、GRU 或小型 Transformer 语言模型，或统计一个 n 元语法模型。结果是模型库中的一个模型。使用 --json 时输出：{status, model_path, name, parameters（权重数；n 元语法模型为存储的 n 元组数）, metrics: {val_loss, val_perplexity}, samples, run_dir, step, max_steps, message}。</translation>
    </message>
    <message>
        <source>lstm, gru (recurrent), transformer (GPT-2 style decoder) or ngram (counts of the last --order tokens)</source>
        <translation>lstm、gru（循环网络）、transformer（GPT-2 式解码器）或 ngram（最近 --order 个词元的计数）</translation>
    </message>
    <message>
        <source>char: one token per character (default); bpe: byte-level BPE trained on this text; word: words (Chinese segmented with jieba)</source>
        <translation>char：每个字符一个词元（默认）；bpe：在此文本上训练的字节级 BPE；word：词（中文用 jieba 分词）</translation>
    </message>
    <message>
        <source>BPE vocabulary size (default {n}); word: the most frequent words kept (default all, at most 30000); characters follow the text</source>
        <translation>BPE 词表大小（默认 {n}）；word：保留最常见的词（默认全部，最多 30000 个）；字符词表随文本而定</translation>
    </message>
    <message>
        <source>ngram: tokens per n-gram, 1 to {most} (default 5 for characters, 4 for BPE, 3 for words)</source>
        <translation>ngram：每个 n 元组的词元数，1 到 {most}（默认：字符 5、BPE 4、词 3）</translation>
    </message>
    <message>
        <source>ngram: interpolated Kneser-Ney (default) or add-k</source>
        <translation>ngram：插值 Kneser-Ney（默认）或 add-k</translation>
    </message>
    <message>
        <source>ngram add-k: the count added to every n-gram (default 1: Laplace)</source>
        <translation>ngram add-k：给每个 n 元组加上的计数（默认 1：拉普拉斯平滑）</translation>
    </message>
    <message>
        <source>ngram Kneser-Ney: a fixed discount D for every order (default: estimated per order from the counts)</source>
        <translation>ngram Kneser-Ney：各阶统一的固定折扣 D（默认：按各阶计数分别估计）</translation>
    </message>
    <message>
        <source>default: chosen from the text&apos;s size and the time limit, with the reason shown in the plan</source>
        <translation>默认：根据文本大小和时间限制选择，原因显示在计划中</translation>
    </message>
    <message>
        <source>layers ({auto})</source>
        <translation>层数（{auto}）</translation>
    </message>
    <message>
        <source>hidden size ({auto})</source>
        <translation>隐藏层大小（{auto}）</translation>
    </message>
    <message>
        <source>attention heads, transformer only ({auto})</source>
        <translation>注意力头数，仅 transformer（{auto}）</translation>
    </message>
    <message>
        <source>tokens per training window ({auto})</source>
        <translation>每个训练窗口的词元数（{auto}）</translation>
    </message>
    <message>
        <source>learning rate (default 3e-3 for LSTM/GRU and for a Transformer up to 128 wide, 1e-3 wider)</source>
        <translation>学习率（默认：LSTM/GRU 及宽度不超过 128 的 Transformer 为 3e-3，更宽的为 1e-3）</translation>
    </message>
    <message>
        <source>windows per step ({auto})</source>
        <translation>每步的窗口数（{auto}）</translation>
    </message>
    <message>
        <source>the run folder; its name becomes the model&apos;s name in the library (default: a new folder under the runs folder, named after the text, architecture and time)</source>
        <translation>运行文件夹；它的名字就是模型在模型库中的名字（默认：在运行目录下新建一个按文本、架构和时间命名的文件夹）</translation>
    </message>
    <message>
        <source>with --resume: train a finished run N steps longer (its model in the library is replaced)</source>
        <translation>配合 --resume：把已完成的运行再训练 N 步（会替换模型库中的模型）</translation>
    </message>
    <message>
        <source>model: {name} ({path})</source>
        <translation>模型：{name}（{path}）</translation>
    </message>
    <message>
        <source>{n} steps</source>
        <translation>{n} 步</translation>
    </message>
    <message>
        <source>steps until the time limit</source>
        <translation>训练到时间上限为止</translation>
    </message>
    <message>
        <source>{parameters} parameters, vocabulary {vocabulary}, {tokens} tokens, {steps}</source>
        <translation>{parameters} 个参数，词表 {vocabulary}，{tokens} 个词元，{steps}</translation>
    </message>
    <message>
        <source>step {step}: validation loss {loss:.4f}, perplexity {perplexity:.2f}</source>
        <translation>第 {step} 步：验证损失 {loss:.4f}，困惑度 {perplexity:.2f}</translation>
    </message>
    <message>
        <source>sample: {text}</source>
        <translation>样例：{text}</translation>
    </message>
    <message>
        <source>run a task demo (sentiment, classify, ner, qa, summarize, translate, fill-mask, search, chat, generate)</source>
        <translation>运行任务演示（sentiment、classify、ner、qa、summarize、translate、fill-mask、search、chat、generate）</translation>
    </message>
    <message>
        <source>one of: {names}</source>
        <translation>以下之一：{names}</translation>
    </message>
    <message>
        <source>the text (the question for qa, the query for search); &apos;-&apos; reads standard input</source>
        <translation>文本（qa 为问题，search 为查询）；&apos;-&apos; 表示从标准输入读取</translation>
    </message>
    <message>
        <source>qa: the passage the answer is taken from</source>
        <translation>qa：从中找出答案的段落</translation>
    </message>
    <message>
        <source>classify: comma-separated labels, e.g. sports,politics,technology</source>
        <translation>classify：逗号分隔的标签，例如 体育,政治,科技</translation>
    </message>
    <message>
        <source>search: one document per line, or a CSV (column text/document/content, else the first)</source>
        <translation>search：每行一篇文档，或 CSV 文件（使用 text/document/content 列，否则取第一列）</translation>
    </message>
    <message>
        <source>translate: the language of the input</source>
        <translation>translate：输入文本的语言</translation>
    </message>
    <message>
        <source>translate: the language to translate into</source>
        <translation>translate：要译成的语言</translation>
    </message>
    <message>
        <source>summarize, translate, chat, generate: the longest answer in tokens</source>
        <translation>summarize、translate、chat、generate：回答最多的词元数</translation>
    </message>
    <message>
        <source>(nothing found)</source>
        <translation>（什么也没找到）</translation>
    </message>
    <message>
        <source>({seconds:.2f} s, {method})</source>
        <translation>（{seconds:.2f} 秒，{method}）</translation>
    </message>
    <message>
        <source>the formulas computed on a real model, step by step</source>
        <translation>在真实模型上一步步计算公式</translation>
    </message>
    <message>
        <source>Show how a model computes one of its steps, on your text, checked against the model&apos;s own outputs.</source>
        <translation>在你的文本上展示模型如何计算其中一步，并与模型自身的输出核对。</translation>
    </message>
    <message>
        <source>from logits to probabilities: one step&apos;s softmax and sampling filters</source>
        <translation>从 logits 到概率：一步的 softmax 和采样过滤</translation>
    </message>
    <message>
        <source>Generate the next token after the prompt, then show how its step turned the model&apos;s logits into probabilities: outputs.logits&apos;s shape, the top tokens&apos; raw logits z, z/T, minus the maximum, exp, divided by the sum over the vocabulary (softmax(z/T)), and which tokens top-k, top-p and min-p then removed. The probabilities are checked against those the generation recorded (the JSON&apos;s max_err_* fields). JSON: {shape, top: [{id, token, logit, scaled, shifted, exp, prob, model_prob, prob_after_filters, removed_by, ...}], temperature, stages, sum_exp, ...}.</source>
        <translation>在提示之后生成下一个词元，然后展示这一步如何把模型的 logits 变成概率：outputs.logits 的形状，排名靠前的词元的原始 logit z、z/T、减去最大值、exp、除以整个词表上的和（softmax(z/T)），以及 top-k、top-p 和 min-p 随后去掉了哪些词元。这些概率会与生成时记录的概率核对（JSON 中的 max_err_* 字段）。JSON：{shape, top: [{id, token, logit, scaled, shifted, exp, prob, model_prob, prob_after_filters, removed_by, ...}], temperature, stages, sum_exp, ...}。</translation>
    </message>
    <message>
        <source>the text before the step</source>
        <translation>这一步之前的文本</translation>
    </message>
    <message>
        <source>tokens shown (default 10; 1 to 50)</source>
        <translation>显示的词元数（默认 10；1 到 50）</translation>
    </message>
    <message>
        <source>--top must be 1 to 50, not {value}.</source>
        <translation>--top 必须在 1 到 50 之间，而不是 {value}。</translation>
    </message>
    <message>
        <source>{model}: outputs.logits has shape {shape} [batch, sequence, vocabulary]; row {row} is this step&apos;s logits z.</source>
        <translation>{model}：outputs.logits 的形状是 {shape} [批次, 序列, 词表]；第 {row} 行是这一步的 logits z。</translation>
    </message>
    <message>
        <source>Σ exp over the {vocab} tokens = {total:.6g}; over the {kept} kept = {kept_sum:.6g}</source>
        <translation>{vocab} 个词元上的 Σ exp = {total:.6g}；保留的 {kept} 个词元上 = {kept_sum:.6g}</translation>
    </message>
    <message>
        <source>{name} = {value:g}: removed {removed}, {kept} left</source>
        <translation>{name} = {value:g}：去掉 {removed} 个，剩 {kept} 个</translation>
    </message>
    <message>
        <source>check against the generation&apos;s record: max error {before:.2g} (before filters), {after:.2g} (after filters)</source>
        <translation>与生成时的记录核对：最大误差 {before:.2g}（过滤前），{after:.2g}（过滤后）</translation>
    </message>
    <message>
        <source>list the Learn tab&apos;s lessons and check lesson files</source>
        <translation>列出“学习”标签页的课程并检查课程文件</translation>
    </message>
    <message>
        <source>Reads the packaged lessons and the *.yaml files in your lessons folder, checks each step&apos;s view and inputs against the views this version has, and reports a malformed file by path and line.</source>
        <translation>读取自带的课程和你的课程文件夹中的 *.yaml 文件，按本版本已有的界面检查每一步指定的界面和输入，并按路径和行号报告格式有误的文件。</translation>
    </message>
    <message>
        <source>exit with status 1 when a lesson file has a problem</source>
        <translation>有课程文件出错时以状态 1 退出</translation>
    </message>
    <message>
        <source>score predictions against references: BLEU, ROUGE, F1, exact match, distinct-n</source>
        <translation>把预测与参考答案对照打分：BLEU、ROUGE、F1、精确匹配、distinct-n</translation>
    </message>
    <message>
        <source>Predictions and references come from two text files (one per line) or from two columns of one CSV/TSV/JSONL table. BLEU is sacrebleu&apos;s (0–100, the zh tokenizer for Chinese); ROUGE is rouge-score&apos;s F-measure (0–1, each Chinese character a token); f1 is per label and macro; exact and token_f1 are SQuAD&apos;s; distinct counts unique n-grams.</source>
        <translation>预测和参考答案来自两个文本文件（每行一条），或同一个 CSV/TSV/JSONL 表格的两列。BLEU 用 sacrebleu 计算（0–100，中文用 zh 分词器）；ROUGE 是 rouge-score 的 F 值（0–1，每个汉字算一个词元）；f1 给出每个标签的值和宏平均；exact 和 token_f1 按 SQuAD 的方法计算；distinct 统计不重复的 n 元组。</translation>
    </message>
    <message>
        <source>predictions: a text file, or the table</source>
        <translation>预测：一个文本文件，或表格</translation>
    </message>
    <message>
        <source>references: a text file with one line per prediction</source>
        <translation>参考答案：一个文本文件，每条预测对应一行</translation>
    </message>
    <message>
        <source>the table&apos;s prediction column</source>
        <translation>表格中的预测列</translation>
    </message>
    <message>
        <source>the table&apos;s reference column</source>
        <translation>表格中的参考答案列</translation>
    </message>
    <message>
        <source>comma-separated: bleu, rouge, f1, exact, token_f1, distinct (default: bleu,rouge)</source>
        <translation>用逗号分隔：bleu、rouge、f1、exact、token_f1、distinct（默认：bleu,rouge）</translation>
    </message>
    <message>
        <source>also show the n-grams row N (1 = the first) shares with its reference</source>
        <translation>同时列出第 N 行（1 为第一行）与参考答案共有的 n 元组</translation>
    </message>
    <message>
        <source>{n} rows</source>
        <translation>{n} 行</translation>
    </message>
    <message>
        <source>BLEU {n}-grams matched: {m}/{t}</source>
        <translation>BLEU {n} 元组匹配：{m}/{t}</translation>
    </message>
    <message>
        <source>write a causal LM (a fine-tune too) as a GGUF file for llama.cpp, LM Studio or Ollama</source>
        <translation>把因果语言模型（包括微调结果）写成 GGUF 文件，供 llama.cpp、LM Studio 或 Ollama 使用</translation>
    </message>
    <message>
        <source>Write a library model (a full fine-tune, or a LoRA run merged into its base) as a GGUF file with its tokenizer and chat template. F16/BF16 are written by the gguf library; Q8_0, Q4_0 and Q4_K_M by llama.cpp&apos;s own quantizer (needs the llama.cpp engine). Llama, Mistral, SmolLM, Qwen2/3 and GPT-2 models. The file is added to the library. With --json: {path, type, bytes, seconds}.</source>
        <translation>把模型库中的模型（完整微调，或合并进基础模型的 LoRA 训练）写成一个 GGUF 文件，包含分词器和对话模板。F16/BF16 由 gguf 库写出；Q8_0、Q4_0 和 Q4_K_M 由 llama.cpp 自带的量化器生成（需要 llama.cpp 引擎）。支持 Llama、Mistral、SmolLM、Qwen2/3 和 GPT-2 模型。文件会加入模型库。使用 --json 时输出：{path, type, bytes, seconds}。</translation>
    </message>
    <message>
        <source>store name, hub id, folder, or a fine-tune run&apos;s adapter folder</source>
        <translation>存储名、hub id、文件夹，或微调训练的适配器文件夹</translation>
    </message>
    <message>
        <source>what the weights are stored as</source>
        <translation>权重的存储类型</translation>
    </message>
    <message>
        <source>the GGUF file to write (default: a new model in the library store)</source>
        <translation>要写入的 GGUF 文件（默认：模型库存储中的一个新模型）</translation>
    </message>
    <message>
        <source>Wrote {path} ({size}, {kind}) in {seconds:.1f} s; in the library as {name}.</source>
        <translation>已写入 {path}（{size}，{kind}），用时 {seconds:.1f} 秒；在模型库中名为 {name}。</translation>
    </message>
    <message>
        <source>OpenAI-compatible servers whose models you can use (vLLM, llama.cpp&apos;s server, Ollama, LM Studio)</source>
        <translation>可使用其模型的 OpenAI 兼容服务器（vLLM、llama.cpp 服务器、Ollama、LM Studio）</translation>
    </message>
    <message>
        <source>Remember a server by its base URL (e.g. http://localhost:8000 for vLLM, http://localhost:11434 for Ollama). An API key goes to the system keyring when there is one, else to a file only you can read; never into the settings. Then: workbench generate --server URL -m MODEL ...</source>
        <translation>按基础 URL 记住一台服务器（例如 vLLM 为 http://localhost:8000，Ollama 为 http://localhost:11434）。API 密钥在有系统密钥环时存入密钥环，否则存入只有你能读取的文件；绝不写入设置。然后：workbench generate --server URL -m MODEL ...</translation>
    </message>
    <message>
        <source>add a server (its /v1/models is checked first)</source>
        <translation>添加服务器（先检查它的 /v1/models）</translation>
    </message>
    <message>
        <source>the server&apos;s base URL</source>
        <translation>服务器的基础 URL</translation>
    </message>
    <message>
        <source>read the API key from standard input (keeps it out of the shell history)</source>
        <translation>从标准输入读取 API 密钥（不会留在 shell 历史中）</translation>
    </message>
    <message>
        <source>the API key (visible to other users in the process list; prefer --api-key-stdin)</source>
        <translation>API 密钥（其他用户可在进程列表中看到；建议用 --api-key-stdin）</translation>
    </message>
    <message>
        <source>the servers added</source>
        <translation>已添加的服务器</translation>
    </message>
    <message>
        <source>ask each server for its models</source>
        <translation>向每台服务器询问其模型</translation>
    </message>
    <message>
        <source>forget a server and its key</source>
        <translation>忘记一台服务器及其密钥</translation>
    </message>
    <message>
        <source>Added {url} ({n} model(s): {models}).</source>
        <translation>已添加 {url}（{n} 个模型：{models}）。</translation>
    </message>
    <message>
        <source>Removed {url}.</source>
        <translation>已移除 {url}。</translation>
    </message>
    <message>
        <source>No servers yet: workbench servers add URL</source>
        <translation>还没有服务器：workbench servers add URL</translation>
    </message>
    <message>
        <source>API key in the keyring</source>
        <translation>API 密钥在密钥环中</translation>
    </message>
    <message>
        <source>API key in a private file</source>
        <translation>API 密钥在私有文件中</translation>
    </message>
    <message>
        <source>no API key</source>
        <translation>无 API 密钥</translation>
    </message>
    <message>
        <source>an LSTM/GRU&apos;s hidden and cell state over a text, and its gates</source>
        <translation>LSTM/GRU 在一段文本上的隐藏状态、细胞状态及各个门</translation>
    </message>
    <message>
        <source>Read a text through an LSTM/GRU from the library. --json prints {model, cell, tokens, ids, units, layers: [{hidden: [[token × unit]], cell (LSTM), gates: {name: [[token × unit]]}, max_error}]}: hidden is the model&apos;s own output (forward hooks); the cell state and the gates (LSTM: input, forget, cell, output; GRU: reset, update, new) are recomputed from the layer&apos;s weights and checked against it (max_error).</source>
        <translation>让模型库中的 LSTM/GRU 读一段文本。--json 输出 {model, cell, tokens, ids, units, layers: [{hidden: [[token × unit]], cell (LSTM), gates: {name: [[token × unit]]}, max_error}]}（token × unit：词元 × 单元）：hidden 是模型自身的输出（前向钩子）；细胞状态和各个门（LSTM：input、forget、cell、output；GRU：reset、update、new）由该层的权重重新计算，并与模型输出核对（max_error）。</translation>
    </message>
    <message>
        <source>an LSTM/GRU: library name or path</source>
        <translation>一个 LSTM/GRU：模型库名称或路径</translation>
    </message>
    <message>
        <source>layer for the summary (default 0)</source>
        <translation>摘要所用的层（默认 0）</translation>
    </message>
    <message>
        <source>token position whose most-moved units are listed (default: the last)</source>
        <translation>列出其改变最多的单元的词元位置（默认：最后一个）</translation>
    </message>
    <message>
        <source>{model}: {cell}, {layers} layers of {units} units, {n} tokens; recomputation error {error:.1e}</source>
        <translation>{model}：{cell}，{layers} 层，每层 {units} 个单元，{n} 个词元；重新计算误差 {error:.1e}</translation>
    </message>
    <message>
        <source>Units of layer {layer} that token {position} ({token!r}) moved most:</source>
        <translation>第 {layer} 层中被词元 {position}（{token!r}）改变最多的单元：</translation>
    </message>
    <message>
        <source>a model&apos;s configuration in plain words and its module tree with parameter counts</source>
        <translation>用通俗的话说明模型的配置，并列出带参数量的模块树</translation>
    </message>
    <message>
        <source>Layers, hidden size, heads and key/value heads, d_k, feed-forward size, vocabulary, context length, norm, activation, position scheme and tied embeddings, then every module with its parameters (like Keras&apos;s model.summary()). The model is built from its config without reading its weights. Shared parameters (tied embeddings) are counted once. JSON: {layers, hidden_size, heads, kv_heads, head_dim, vocab_size, context, parameters, modules: [{name, type, parameters}], ...}.</source>
        <translation>层数、隐藏层大小、头数与键/值头数、d_k、前馈层大小、词表大小、上下文长度、归一化、激活函数、位置编码方式和是否共享嵌入，然后是每个模块及其参数量（类似 Keras 的 model.summary()）。模型由配置构建，不读取权重。共享的参数（共享嵌入）只计一次。JSON：{layers, hidden_size, heads, kv_heads, head_dim, vocab_size, context, parameters, modules: [{name, type, parameters}], ...}。</translation>
    </message>
    <message>
        <source>module tree levels printed without --json (default 3; the JSON has all)</source>
        <translation>不带 --json 时打印的模块树层级数（默认 3；JSON 包含全部）</translation>
    </message>
    <message>
        <source>(shares {names})</source>
        <translation>（共享 {names}）</translation>
    </message>
    <message>
        <source>Total parameters: {n:,}</source>
        <translation>参数总量：{n:,}</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>Self-attention</source>
        <translation>自注意力</translation>
    </message>
    <message>
        <source>Encoder self-attention</source>
        <translation>编码器自注意力</translation>
    </message>
    <message>
        <source>Decoder self-attention</source>
        <translation>解码器自注意力</translation>
    </message>
    <message>
        <source>Cross-attention (decoder → encoder)</source>
        <translation>交叉注意力（解码器 → 编码器）</translation>
    </message>
    <message>
        <source>One head</source>
        <translation>单个头</translation>
    </message>
    <message>
        <source>Mean over heads</source>
        <translation>各头平均</translation>
    </message>
    <message>
        <source>Max over heads</source>
        <translation>各头最大值</translation>
    </message>
    <message>
        <source>Mean over layers and heads</source>
        <translation>各层各头平均</translation>
    </message>
    <message>
        <source>Attention rollout</source>
        <translation>注意力展开</translation>
    </message>
    <message>
        <source>special tokens excluded, rows renormalised</source>
        <translation>已排除特殊词元，各行重新归一化</translation>
    </message>
    <message>
        <source>special and first tokens excluded, rows renormalised</source>
        <translation>已排除特殊词元和首个词元，各行重新归一化</translation>
    </message>
    <message>
        <source>Keep all tokens</source>
        <translation>保留所有词元</translation>
    </message>
    <message>
        <source>Exclude special tokens, renormalise rows</source>
        <translation>排除特殊词元，各行重新归一化</translation>
    </message>
    <message>
        <source>Exclude special tokens and the first token, renormalise rows</source>
        <translation>排除特殊词元和首个词元，各行重新归一化</translation>
    </message>
    <message>
        <source>This capture has no &apos;{name}&apos; attention.</source>
        <translation>这次捕获中没有“{name}”注意力。</translation>
    </message>
    <message>
        <source>Capturing attention for {queries} tokens needs about {needed}, but only {available} of memory is free.</source>
        <translation>为 {queries} 个词元捕获注意力大约需要 {needed}，但只有 {available} 的空闲内存。</translation>
    </message>
    <message>
        <source>Use a shorter text, or close other programs.</source>
        <translation>请使用更短的文本，或者关闭其他程序。</translation>
    </message>
    <message>
        <source>{arch} does not return attention weights.</source>
        <translation>{arch} 不返回注意力权重。</translation>
    </message>
    <message>
        <source>Attention cannot be captured for this architecture; try another model.</source>
        <translation>无法为这种架构捕获注意力，请换一个模型。</translation>
    </message>
    <message>
        <source>The text has {total} tokens but the model reads at most {limit}: the last {cut} tokens were cut.</source>
        <translation>文本有 {total} 个词元，但模型最多读取 {limit} 个：最后 {cut} 个词元已被截掉。</translation>
    </message>
    <message>
        <source>Type a sentence to see where the model&apos;s attention goes.</source>
        <translation>输入一句话，看看模型的注意力落在哪里。</translation>
    </message>
    <message>
        <source>{name} is not running eager attention, so its weights are not computed.</source>
        <translation>{name} 没有使用 eager 注意力实现，因此不会计算注意力权重。</translation>
    </message>
    <message>
        <source>Capture attention through the model service (it switches to eager attention).</source>
        <translation>请通过模型服务捕获注意力（它会切换到 eager 注意力实现）。</translation>
    </message>
    <message>
        <source>Tokenizing</source>
        <translation>正在分词</translation>
    </message>
    <message>
        <source>{count} new tokens do not fit in the model&apos;s {limit} positions.</source>
        <translation>{count} 个新词元放不进模型的 {limit} 个位置。</translation>
    </message>
    <message>
        <source>Generate fewer tokens.</source>
        <translation>请生成更少的词元。</translation>
    </message>
    <message>
        <source>The text has no tokens after tokenizing.</source>
        <translation>分词后文本中没有任何词元。</translation>
    </message>
    <message>
        <source>Type some words.</source>
        <translation>请输入一些词语。</translation>
    </message>
    <message>
        <source>Capturing attention over {n} tokens</source>
        <translation>正在捕获 {n} 个词元上的注意力</translation>
    </message>
    <message>
        <source>The target has more tokens than the model reads: the last {cut} were cut.</source>
        <translation>目标文本的词元数超过模型能读取的长度：最后 {cut} 个已被截掉。</translation>
    </message>
    <message>
        <source>No target text was given, so the decoder&apos;s text was generated ({n} tokens, greedy).</source>
        <translation>没有给出目标文本，因此解码器文本是生成的（{n} 个词元，贪心）。</translation>
    </message>
    <message>
        <source>Capturing encoder, decoder and cross-attention</source>
        <translation>正在捕获编码器、解码器和交叉注意力</translation>
    </message>
    <message>
        <source>Captured</source>
        <translation>已捕获</translation>
    </message>
    <message>
        <source>Generated {step} of {count} tokens</source>
        <translation>已生成 {step}/{count} 个词元</translation>
    </message>
    <message>
        <source>Unknown aggregation &apos;{aggregate}&apos;.</source>
        <translation>未知的汇总方式“{aggregate}”。</translation>
    </message>
    <message>
        <source>Unknown special-token policy &apos;{policy}&apos;.</source>
        <translation>未知的特殊词元处理方式“{policy}”。</translation>
    </message>
    <message>
        <source>Layer {layer} does not exist; the model has layers 0 to {last}.</source>
        <translation>第 {layer} 层不存在；模型的层编号为 0 到 {last}。</translation>
    </message>
    <message>
        <source>Choose another layer.</source>
        <translation>请选择其他层。</translation>
    </message>
    <message>
        <source>Head {head} does not exist; layer {layer} has heads 0 to {last}.</source>
        <translation>头 {head} 不存在；第 {layer} 层的头编号为 0 到 {last}。</translation>
    </message>
    <message>
        <source>Choose another head.</source>
        <translation>请选择其他头。</translation>
    </message>
    <message>
        <source>{part} · layer {layer} · head {head}</source>
        <translation>{part} · 第 {layer} 层 · 第 {head} 头</translation>
    </message>
    <message>
        <source>{part} · layer {layer} · mean over heads</source>
        <translation>{part} · 第 {layer} 层 · 各头平均</translation>
    </message>
    <message>
        <source>{part} · layer {layer} · max over heads</source>
        <translation>{part} · 第 {layer} 层 · 各头最大值</translation>
    </message>
    <message>
        <source>{part} · mean over layers and heads</source>
        <translation>{part} · 各层各头平均</translation>
    </message>
    <message>
        <source>Rollout needs self-attention (queries and keys are the same tokens).</source>
        <translation>注意力展开需要自注意力（查询和键是同一组词元）。</translation>
    </message>
    <message>
        <source>Choose encoder or decoder self-attention for rollout.</source>
        <translation>请为注意力展开选择编码器或解码器的自注意力。</translation>
    </message>
    <message>
        <source>{part} · attention rollout over {layers} layers</source>
        <translation>{part} · {layers} 层的注意力展开</translation>
    </message>
    <message>
        <source>Step {step} does not exist; there are {count} steps.</source>
        <translation>第 {step} 步不存在；共有 {count} 步。</translation>
    </message>
    <message>
        <source>Choose another step.</source>
        <translation>请选择其他步。</translation>
    </message>
    <message>
        <source> · step {step}</source>
        <translation> · 第 {step} 步</translation>
    </message>
    <message>
        <source>Every token would be excluded.</source>
        <translation>所有词元都会被排除。</translation>
    </message>
    <message>
        <source>Keep special tokens for this input.</source>
        <translation>请为这个输入保留特殊词元。</translation>
    </message>
    <message>
        <source>The two inputs have different tokens, so a difference map has no meaning.</source>
        <translation>两个输入的词元不同，差值图没有意义。</translation>
    </message>
    <message>
        <source>Compare inputs that tokenize the same (or models that share a tokenizer).</source>
        <translation>请比较分词结果相同的输入（或使用同一分词器的模型）。</translation>
    </message>
    <message>
        <source>Difference (B − A): {title}</source>
        <translation>差值（B − A）：{title}</translation>
    </message>
    <message>
        <source>Pick a model in the model picker or the Models tab.</source>
        <translation>请在模型选择器或“模型”页中选择一个模型。</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Text pair</source>
        <translation>文本对</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>源文本</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标文本</translation>
    </message>
    <message>
        <source>ragged rows</source>
        <translation>单元格数与表头不符的行</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>split</source>
        <translation>划分</translation>
    </message>
    <message>
        <source>empty cells</source>
        <translation>空单元格</translation>
    </message>
    <message>
        <source>split values</source>
        <translation>划分值</translation>
    </message>
    <message>
        <source>labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>unseen labels</source>
        <translation>未见过的标签</translation>
    </message>
    <message>
        <source>balance</source>
        <translation>类别平衡</translation>
    </message>
    <message>
        <source>duplicates</source>
        <translation>重复行</translation>
    </message>
    <message>
        <source>too long</source>
        <translation>过长</translation>
    </message>
    <message>
        <source>Unknown task &apos;{task}&apos;.</source>
        <translation>未知任务“{task}”。</translation>
    </message>
    <message>
        <source>Choose one of: {names}.</source>
        <translation>请从以下选项中选择：{names}。</translation>
    </message>
    <message>
        <source>… and {more} more row like the ones above ({check}).</source>
        <translation>……还有 {more} 行与上面类似（{check}）。</translation>
    </message>
    <message>
        <source>… and {more} more rows like the ones above ({check}).</source>
        <translation>……还有 {more} 行与上面类似（{check}）。</translation>
    </message>
    <message>
        <source>{name} has a header but no data rows.</source>
        <translation>{name} 只有表头，没有数据行。</translation>
    </message>
    <message>
        <source>Choose either a text column, or a prompt and a response column, not both.</source>
        <translation>请选择一个文本列，或者提示列和回复列，不要同时选择。</translation>
    </message>
    <message>
        <source>No column is chosen for &apos;{role}&apos;. The file&apos;s columns are: {names}.</source>
        <translation>没有为“{role}”选择列。文件的列有：{names}。</translation>
    </message>
    <message>
        <source>There is no column &apos;{col}&apos; in {name} (for &apos;{role}&apos;). Its columns are: {names}.</source>
        <translation>{name} 中没有列“{col}”（用于“{role}”）。它的列有：{names}。</translation>
    </message>
    <message>
        <source>Choose either a split column or a validation file, not both.</source>
        <translation>请选择划分列或验证文件其中之一，不要同时选择。</translation>
    </message>
    <message>
        <source>The validation file {name} has no column &apos;{col}&apos;. Its columns are: {names}.</source>
        <translation>验证文件 {name} 中没有列“{col}”。它的列有：{names}。</translation>
    </message>
    <message>
        <source>No rows are left for training after the split.</source>
        <translation>划分之后没有剩下可用于训练的行。</translation>
    </message>
    <message>
        <source>{prefix}Row {row}, column &apos;{columns}&apos;: the cell is missing. Fill it in or delete the row.</source>
        <translation>{prefix}第 {row} 行，列“{columns}”：缺少单元格。请填写或删除该行。</translation>
    </message>
    <message>
        <source>{prefix}Row {row}, column &apos;{columns}&apos;: the cell is empty. Fill it in or delete the row.</source>
        <translation>{prefix}第 {row} 行，列“{columns}”：单元格为空。请填写或删除该行。</translation>
    </message>
    <message>
        <source>There is no split column &apos;{column}&apos;. The file&apos;s columns are: {names}.</source>
        <translation>没有划分列“{column}”。文件的列有：{names}。</translation>
    </message>
    <message>
        <source>Row {row}, column &apos;{column}&apos;: &apos;{value}&apos; is neither &apos;train&apos; nor &apos;validation&apos; (or &apos;val&apos;, &apos;dev&apos;, &apos;test&apos;).</source>
        <translation>第 {row} 行，列“{column}”：“{value}”既不是“train”也不是“validation”（或“val”“dev”“test”）。</translation>
    </message>
    <message>
        <source>The validation share must be between 0 and 1 (it is {fraction}).</source>
        <translation>验证集比例必须在 0 到 1 之间（当前为 {fraction}）。</translation>
    </message>
    <message>
        <source>Use for example 0.1 to hold out one row in ten.</source>
        <translation>例如用 0.1 表示每十行留出一行。</translation>
    </message>
    <message>
        <source>With {n} rows and a validation share of {fraction:g}, no row is held out: there will be no evaluation.</source>
        <translation>共 {n} 行、验证集比例为 {fraction:g} 时，不会留出任何行：将不做评估。</translation>
    </message>
    <message>
        <source>Every training row has the label &apos;{only}&apos;: a classifier needs at least two classes.</source>
        <translation>所有训练行的标签都是“{only}”：分类器至少需要两个类别。</translation>
    </message>
    <message>
        <source>The class &apos;{label}&apos; has only {n} training example; the model can hardly learn it. Add more rows with this label (at least {least}).</source>
        <translation>类别“{label}”只有 {n} 个训练样本，模型很难学会它。请为该标签添加更多行（至少 {least} 行）。</translation>
    </message>
    <message>
        <source>The class &apos;{label}&apos; has only {n} training examples; the model can hardly learn it. Add more rows with this label (at least {least}).</source>
        <translation>类别“{label}”只有 {n} 个训练样本，模型很难学会它。请为该标签添加更多行（至少 {least} 行）。</translation>
    </message>
    <message>
        <source>Validation file, row {row}: the label &apos;{label}&apos; never occurs in the training rows, so the model cannot learn it.</source>
        <translation>验证文件第 {row} 行：标签“{label}”从未在训练行中出现，模型无法学会它。</translation>
    </message>
    <message>
        <source>Row {row}: the label &apos;{label}&apos; never occurs in the training rows, so the model cannot learn it.</source>
        <translation>第 {row} 行：标签“{label}”从未在训练行中出现，模型无法学会它。</translation>
    </message>
    <message>
        <source>The classes are unbalanced ({shares}); the model may learn to favour the largest. Add rows of the smaller classes if you can.</source>
        <translation>类别分布不均衡（{shares}）；模型可能会偏向最大的类别。如有可能，请为较小的类别添加数据。</translation>
    </message>
    <message>
        <source>row {row} of the validation file</source>
        <translation>验证文件第 {row} 行</translation>
    </message>
    <message>
        <source>row {row}</source>
        <translation>第 {row} 行</translation>
    </message>
    <message>
        <source>Row {row} of the validation file</source>
        <translation>验证文件第 {row} 行</translation>
    </message>
    <message>
        <source>Row {row}</source>
        <translation>第 {row} 行</translation>
    </message>
    <message>
        <source>{here} has the same text as {where} but a different label (&apos;{label}&apos; vs &apos;{other}&apos;).</source>
        <translation>{here}与{where}文本相同，但标签不同（“{label}”与“{other}”）。</translation>
    </message>
    <message>
        <source>{here} repeats {where}.</source>
        <translation>{here}与{where}重复。</translation>
    </message>
    <message>
        <source>{message} The same row in training and validation makes the evaluation look better than it is.</source>
        <translation>{message}同一行同时出现在训练集和验证集中，会让评估结果显得比实际更好。</translation>
    </message>
    <message>
        <source>Row {row}, column &apos;{column}&apos;: the prompt alone is {n} tokens, at least the max length of {limit}, so nothing of the response would be learned. Shorten the prompt or raise the max length.</source>
        <translation>第 {row} 行，列“{column}”：仅提示就有 {n} 个词元，达到最大长度 {limit}，回复部分将完全学不到。请缩短提示或调大最大长度。</translation>
    </message>
    <message>
        <source>Row {row}, column &apos;{column}&apos;: {n} tokens, longer than the max length of {limit}; it is cut after “…{tail}”.</source>
        <translation>第 {row} 行，列“{column}”：{n} 个词元，超过最大长度 {limit}；将在“…{tail}”之后截断。</translation>
    </message>
    <message>
        <source>How adventurous sampling is. Below 1 sharpens the distribution towards the likeliest tokens; above 1 flattens it so unlikely tokens are picked more often.</source>
        <translation>采样有多大胆。小于 1 会让分布更集中于最可能的词元；大于 1 会让分布更平坦，不太可能的词元被选中的机会更多。</translation>
    </message>
    <message>
        <source>Sample only among the K likeliest tokens. 0 turns this filter off.</source>
        <translation>只在最可能的 K 个词元中采样。0 表示关闭此过滤器。</translation>
    </message>
    <message>
        <source>Nucleus sampling: keep the smallest set of likeliest tokens whose probabilities add up to P. 1 turns this filter off.</source>
        <translation>核采样：保留概率之和达到 P 的最小高概率词元集合。1 表示关闭此过滤器。</translation>
    </message>
    <message>
        <source>Drop tokens less likely than min_p times the likeliest token&apos;s probability. 0 turns this filter off.</source>
        <translation>去掉概率低于“最可能词元概率 × min_p”的词元。0 表示关闭此过滤器。</translation>
    </message>
    <message>
        <source>Typical sampling: keep tokens whose surprise is close to the average surprise, up to a total probability of P. 1 turns this filter off.</source>
        <translation>典型采样：保留惊奇度接近平均惊奇度的词元，直到总概率达到 P。1 表示关闭此过滤器。</translation>
    </message>
    <message>
        <source>Make tokens that already appeared less likely (above 1) or more likely (below 1). 1 changes nothing.</source>
        <translation>让已经出现过的词元更不可能（大于 1）或更可能（小于 1）出现。1 表示不变。</translation>
    </message>
    <message>
        <source>Never repeat any run of this many tokens. 0 turns this off.</source>
        <translation>任何连续这么多个词元都不允许重复出现。0 表示关闭。</translation>
    </message>
    <message>
        <source>Beam search keeps this many candidate continuations and returns the best. 1 is ordinary decoding; more beams are slower and stream only at the end.</source>
        <translation>束搜索同时保留这么多条候选续写并返回最好的一条。1 即普通解码；束越多越慢，并且只在结束时输出。</translation>
    </message>
    <message>
        <source>The most tokens to generate.</source>
        <translation>最多生成的词元数。</translation>
    </message>
    <message>
        <source>The random seed: the same seed and settings give the same text.</source>
        <translation>随机种子：相同的种子和设置会得到相同的文本。</translation>
    </message>
    <message>
        <source>How many alternative tokens to record for each generated token. 0 records none (slightly faster).</source>
        <translation>为每个生成的词元记录多少个候选词元。0 表示不记录（稍快一些）。</translation>
    </message>
    <message>
        <source>{name} must be a number, not {value!r}.</source>
        <translation>{name} 必须是数字，而不是 {value!r}。</translation>
    </message>
    <message>
        <source>Use a value from {low} to {high}.</source>
        <translation>请使用 {low} 到 {high} 之间的值。</translation>
    </message>
    <message>
        <source>{name} must be a whole number, not {value}.</source>
        <translation>{name} 必须是整数，而不是 {value}。</translation>
    </message>
    <message>
        <source>Use a whole number from {low} to {high}.</source>
        <translation>请使用 {low} 到 {high} 之间的整数。</translation>
    </message>
    <message>
        <source>{name} = {value} is out of range.</source>
        <translation>{name} = {value} 超出了范围。</translation>
    </message>
    <message>
        <source>Use a value from {low} to {high}. {help}</source>
        <translation>请使用 {low} 到 {high} 之间的值。{help}</translation>
    </message>
    <message>
        <source>Stop strings must be a list of texts.</source>
        <translation>停止字符串必须是文本列表。</translation>
    </message>
    <message>
        <source>A stop string is empty.</source>
        <translation>有一个停止字符串为空。</translation>
    </message>
    <message>
        <source>Remove the empty stop string.</source>
        <translation>请删除空的停止字符串。</translation>
    </message>
    <message>
        <source>Greedy</source>
        <translation>贪心</translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation>均衡</translation>
    </message>
    <message>
        <source>Creative</source>
        <translation>创意</translation>
    </message>
    <message>
        <source>Precise</source>
        <translation>精确</translation>
    </message>
    <message>
        <source>Type some text for the model to continue.</source>
        <translation>请输入一些文本让模型续写。</translation>
    </message>
    <message>
        <source>{model} has no chat template, so a conversation cannot be formatted for it.</source>
        <translation>{model} 没有对话模板，因此无法为它格式化对话。</translation>
    </message>
    <message>
        <source>Use completion mode (without --chat) and write the prompt as plain text, or pick a chat/instruct model.</source>
        <translation>请使用续写模式（不加 --chat）并以纯文本写提示，或者选择一个对话/指令模型。</translation>
    </message>
    <message>
        <source>The conversation is empty.</source>
        <translation>对话为空。</translation>
    </message>
    <message>
        <source>Type a message for the model to answer.</source>
        <translation>请输入一条消息让模型回答。</translation>
    </message>
    <message>
        <source>The chat template of {model} failed on this conversation: {error}</source>
        <translation>{model} 的对话模板处理这段对话时出错：{error}</translation>
    </message>
    <message>
        <source>Some templates reject a system message or two turns by the same role; try without the system prompt, or use completion mode.</source>
        <translation>有些模板不接受系统消息，或不接受同一角色连续两轮发言；请去掉系统提示再试，或者使用续写模式。</translation>
    </message>
    <message>
        <source>The prompt has {count} tokens but {name} reads at most {limit}.</source>
        <translation>提示有 {count} 个词元，但 {name} 最多读取 {limit} 个。</translation>
    </message>
    <message>
        <source>Shorten the prompt (or the conversation) so there is room for the answer.</source>
        <translation>请缩短提示（或对话），为回答留出空间。</translation>
    </message>
    <message>
        <source>Only {room} new tokens fit in the context window of {limit}; max new tokens lowered from {requested}.</source>
        <translation>上下文窗口为 {limit}，只能再容纳 {room} 个新词元；最大新词元数已从 {requested} 调低。</translation>
    </message>
    <message>
        <source>Speculative decoding and output formats decode one sequence: beams are not used.</source>
        <translation>推测解码和输出格式只解码一个序列：不使用束搜索。</translation>
    </message>
    <message>
        <source>The draft model is not loaded.</source>
        <translation>草稿模型没有载入。</translation>
    </message>
    <message>
        <source>Choose the draft model again.</source>
        <translation>请重新选择草稿模型。</translation>
    </message>
    <message>
        <source>The draft model {draft} does not use the tokenizer of {name}.</source>
        <translation>草稿模型 {draft} 与 {name} 使用的分词器不同。</translation>
    </message>
    <message>
        <source>A draft model must share the model&apos;s vocabulary: pick a smaller model of the same family.</source>
        <translation>草稿模型必须与模型共用词表：请选择同一系列的较小模型。</translation>
    </message>
    <message>
        <source>The stop string {stops} already occurs in the prompt; only newly generated text is checked, so it does not end generation there.</source>
        <translation>停止字符串 {stops} 已经出现在提示中；只检查新生成的文本，所以它不会在提示中的那个位置结束生成。</translation>
    </message>
    <message>
        <source>The answer ended before the {format} was complete: allow more new tokens.</source>
        <translation>回答在{format}完成之前就结束了：请允许更多新词元。</translation>
    </message>
    <message>
        <source>HF_HUB_OFFLINE is set</source>
        <translation>设置了 HF_HUB_OFFLINE</translation>
    </message>
    <message>
        <source>offline mode is on in the workbench</source>
        <translation>工作台中开启了离线模式</translation>
    </message>
    <message>
        <source>The workbench is offline ({source}), so the hub cannot be reached.</source>
        <translation>工作台处于离线状态（{source}），无法连接 Hub。</translation>
    </message>
    <message>
        <source>Turn off offline mode on the Downloads page (and unset HF_HUB_OFFLINE), then try again. Models already on this computer keep working.</source>
        <translation>请在“下载”页关闭离线模式（并取消设置 HF_HUB_OFFLINE），然后重试。本机已有的模型照常可用。</translation>
    </message>
    <message>
        <source>Cannot reach the hub at {endpoint}: {value}.</source>
        <translation>无法连接 {endpoint} 上的 Hub：{value}。</translation>
    </message>
    <message>
        <source>Check the network connection, or turn on offline mode to work with the models already on this computer.</source>
        <translation>请检查网络连接，或开启离线模式使用本机已有的模型。</translation>
    </message>
    <message>
        <source>{repo_id} is gated or private: the hub refused the download without a valid token (401).</source>
        <translation>{repo_id} 是受限或私有模型：没有有效令牌，Hub 拒绝了下载（401）。</translation>
    </message>
    <message>
        <source>Open {repo_url} in a browser, accept the licence, create a read token at {endpoint}/settings/tokens and set it on the Downloads page (Set token…), then retry.</source>
        <translation>请在浏览器中打开 {repo_url} 并接受许可证，在 {endpoint}/settings/tokens 创建读取令牌，然后在“下载”页设置它（设置令牌…），再重试。</translation>
    </message>
    <message>
        <source>Your hub token has no access to {repo_id} (403): the licence has not been accepted for this account.</source>
        <translation>你的 Hub 令牌无权访问 {repo_id}（403）：此账户尚未接受许可证。</translation>
    </message>
    <message>
        <source>Open {repo_url} while logged in as the token&apos;s owner, accept the licence (some are reviewed by the authors and take a while), then retry.</source>
        <translation>请以令牌所有者身份登录并打开 {repo_url}，接受许可证（有些需要作者审核，要等一段时间），然后重试。</translation>
    </message>
    <message>
        <source>huggingface_hub is in offline mode (HF_HUB_OFFLINE), so the hub cannot be reached.</source>
        <translation>huggingface_hub 处于离线模式（HF_HUB_OFFLINE），无法连接 Hub。</translation>
    </message>
    <message>
        <source>Unset HF_HUB_OFFLINE and turn off offline mode, then retry.</source>
        <translation>请取消设置 HF_HUB_OFFLINE 并关闭离线模式，然后重试。</translation>
    </message>
    <message>
        <source>{repo_id} has no revision{where} on the hub (404).</source>
        <translation>{repo_id} 在 Hub 上没有版本{where}（404）。</translation>
    </message>
    <message>
        <source>Check the branch, tag or commit name; &apos;main&apos; is the default.</source>
        <translation>请检查分支、标签或提交名称；默认是“main”。</translation>
    </message>
    <message>
        <source>A file of {repo_id}{where} is not on the hub (404).</source>
        <translation>{repo_id}{where} 的某个文件不在 Hub 上（404）。</translation>
    </message>
    <message>
        <source>The repository changed; open the model page again to see its files.</source>
        <translation>仓库已变更；请重新打开模型页面查看它的文件。</translation>
    </message>
    <message>
        <source>{repo_id} was not found on the hub at {endpoint} (404).</source>
        <translation>在 {endpoint} 的 Hub 上找不到 {repo_id}（404）。</translation>
    </message>
    <message>
        <source>Check the spelling (organisation/name). A private repository also needs a token.</source>
        <translation>请检查拼写（组织/名称）。私有仓库还需要令牌。</translation>
    </message>
    <message>
        <source>{value} was not found on the hub (404).</source>
        <translation>在 Hub 上找不到 {value}（404）。</translation>
    </message>
    <message>
        <source>That was not found on the hub (404).</source>
        <translation>在 Hub 上找不到它（404）。</translation>
    </message>
    <message>
        <source>Check the name and revision.</source>
        <translation>请检查名称和版本。</translation>
    </message>
    <message>
        <source>The hub had a server error ({status}){where} and did not recover after retries.</source>
        <translation>Hub 出现服务器错误（{status}）{where}，多次重试后仍未恢复。</translation>
    </message>
    <message>
        <source>The hub is having trouble; retry in a few minutes. Downloads resume where they stopped.</source>
        <translation>Hub 暂时出现问题；请几分钟后重试。下载会从中断处继续。</translation>
    </message>
    <message>
        <source>The hub refused the request{where} ({status}).</source>
        <translation>Hub 拒绝了请求{where}（{status}）。</translation>
    </message>
    <message>
        <source>Cannot reach the hub at {endpoint}{where}: {name} {exc}</source>
        <translation>无法连接 {endpoint}{where} 上的 Hub：{name} {exc}</translation>
    </message>
    <message>
        <source>Check the network connection (or turn on offline mode to work with local models). Downloads resume where they stopped.</source>
        <translation>请检查网络连接（或开启离线模式使用本地模型）。下载会从中断处继续。</translation>
    </message>
    <message>
        <source>Unknown task filter &apos;{task}&apos;.</source>
        <translation>未知的任务筛选条件“{task}”。</translation>
    </message>
    <message>
        <source>Choose one of: </source>
        <translation>请从以下选项中选择：</translation>
    </message>
    <message>
        <source>Unknown sort order &apos;{sort}&apos;.</source>
        <translation>未知的排序方式“{sort}”。</translation>
    </message>
    <message>
        <source>Choose downloads, likes or updated.</source>
        <translation>请选择 downloads、likes 或 updated。</translation>
    </message>
    <message>
        <source>while searching</source>
        <translation>（搜索时）</translation>
    </message>
    <message>
        <source>&apos;{repo_id}&apos; is not a hub model id.</source>
        <translation>“{repo_id}”不是有效的 Hub 模型 ID。</translation>
    </message>
    <message>
        <source>Use the form organisation/name, e.g. HuggingFaceTB/SmolLM2-135M.</source>
        <translation>请使用“组织/名称”的格式，例如 HuggingFaceTB/SmolLM2-135M。</translation>
    </message>
    <message>
        <source>The hub at {endpoint} sent an unsafe listing for {repo}: {what}. Nothing was downloaded.</source>
        <translation>{endpoint} 上的 Hub 为 {repo} 发来了不安全的文件列表：{what}。没有下载任何内容。</translation>
    </message>
    <message>
        <source>A real Hugging Face Hub never sends this. If HF_ENDPOINT points at a mirror, stop using it (unset HF_ENDPOINT) or tell its operators.</source>
        <translation>真正的 Hugging Face Hub 不会发送这样的内容。如果 HF_ENDPOINT 指向某个镜像，请停止使用它（取消设置 HF_ENDPOINT）或告知其维护者。</translation>
    </message>
    <message>
        <source>an empty file name</source>
        <translation>空文件名</translation>
    </message>
    <message>
        <source>a file name with control characters</source>
        <translation>含控制字符的文件名</translation>
    </message>
    <message>
        <source>the absolute or Windows path &apos;{name}&apos; as a file name</source>
        <translation>以绝对路径或 Windows 路径“{name}”作为文件名</translation>
    </message>
    <message>
        <source>the file name &apos;{name}&apos;, which steps out of its folder</source>
        <translation>文件名“{name}”跳出了所在文件夹</translation>
    </message>
    <message>
        <source>the file name &apos;{name}&apos; inside .git</source>
        <translation>位于 .git 内的文件名“{name}”</translation>
    </message>
    <message>
        <source>the commit id {commit} is not 40 hexadecimal digits</source>
        <translation>提交 ID {commit} 不是 40 位十六进制数</translation>
    </message>
    <message>
        <source>the file name &apos;{name}&apos; twice</source>
        <translation>重复出现的文件名“{name}”</translation>
    </message>
    <message>
        <source>the blob id {blob} of {name}, which is not a git object id</source>
        <translation>{name} 的 blob ID {blob} 不是 git 对象 ID</translation>
    </message>
    <message>
        <source>the sha256 {sha} of {name}, which is not a sha256</source>
        <translation>{name} 的 sha256 {sha} 不是有效的 sha256</translation>
    </message>
    <message>
        <source>the size {size} of {name}</source>
        <translation>{name} 的大小 {size}</translation>
    </message>
    <message>
        <source>&apos;{revision}&apos; is not a branch, tag or commit name.</source>
        <translation>“{revision}”不是分支、标签或提交名称。</translation>
    </message>
    <message>
        <source>Use a name such as main, v1.0 or a 40-character commit id.</source>
        <translation>请使用 main、v1.0 这样的名称或 40 个字符的提交 ID。</translation>
    </message>
    <message>
        <source>Refused to write {path}: it is outside {folder}.</source>
        <translation>拒绝写入 {path}：它位于 {folder} 之外。</translation>
    </message>
    <message>
        <source>The hub listing is unsafe; nothing was written there.</source>
        <translation>Hub 文件列表不安全；没有写入任何内容。</translation>
    </message>
    <message>
        <source>No hub token: public models download without one.</source>
        <translation>没有 Hub 令牌：下载公开模型不需要令牌。</translation>
    </message>
    <message>
        <source>A token is set (offline: its owner was not checked).</source>
        <translation>已设置令牌（离线：未检查其所有者）。</translation>
    </message>
    <message>
        <source>The stored token was rejected by the hub: set a new one.</source>
        <translation>已保存的令牌被 Hub 拒绝：请设置新的令牌。</translation>
    </message>
    <message>
        <source>Logged in as {get}.</source>
        <translation>已登录为 {get}。</translation>
    </message>
    <message>
        <source>The token is empty.</source>
        <translation>令牌为空。</translation>
    </message>
    <message>
        <source>Paste a read token from {endpoint}/settings/tokens.</source>
        <translation>请粘贴在 {endpoint}/settings/tokens 创建的读取令牌。</translation>
    </message>
    <message>
        <source>The hub did not accept this token (401).</source>
        <translation>Hub 不接受此令牌（401）。</translation>
    </message>
    <message>
        <source>Copy it again from {endpoint}/settings/tokens; it may have been revoked.</source>
        <translation>请从 {endpoint}/settings/tokens 重新复制；它可能已被撤销。</translation>
    </message>
    <message>
        <source>The token is valid but could not be stored: {exc}</source>
        <translation>令牌有效，但无法保存：{exc}</translation>
    </message>
    <message>
        <source>Check that the Hugging Face folder (HF_HOME) is writable.</source>
        <translation>请检查 Hugging Face 文件夹（HF_HOME）是否可写。</translation>
    </message>
    <message>
        <source>Token removed from this computer.</source>
        <translation>已从本机移除令牌。</translation>
    </message>
    <message>
        <source>No file of {repo_id} matches {names}.</source>
        <translation>{repo_id} 中没有与 {names} 匹配的文件。</translation>
    </message>
    <message>
        <source>Its files are: {names}{value}.</source>
        <translation>它的文件有：{names}{value}。</translation>
    </message>
    <message>
        <source>{repo_id} has no files at revision {revision}.</source>
        <translation>{repo_id} 在版本 {revision} 中没有文件。</translation>
    </message>
    <message>
        <source>Choose another revision.</source>
        <translation>请选择其他版本。</translation>
    </message>
    <message>
        <source>Downloading {name} ({done}/{total} done)</source>
        <translation>正在下载 {name}（已完成 {done}/{total}）</translation>
    </message>
    <message>
        <source>Downloading {name} and {more} more ({done}/{total} done)</source>
        <translation>正在下载 {name} 及另外 {more} 个文件（已完成 {done}/{total}）</translation>
    </message>
    <message>
        <source>Verifying {name} ({done}/{total} done)</source>
        <translation>正在校验 {name}（已完成 {done}/{total}）</translation>
    </message>
    <message>
        <source>Verifying {name} and {more} more ({done}/{total} done)</source>
        <translation>正在校验 {name} 及另外 {more} 个文件（已完成 {done}/{total}）</translation>
    </message>
    <message>
        <source>Retrying {name} ({done}/{total} done)</source>
        <translation>正在重试 {name}（已完成 {done}/{total}）</translation>
    </message>
    <message>
        <source>Retrying {name} and {more} more ({done}/{total} done)</source>
        <translation>正在重试 {name} 及另外 {more} 个文件（已完成 {done}/{total}）</translation>
    </message>
    <message>
        <source>Looking up {repo_id}…</source>
        <translation>正在查找 {repo_id}…</translation>
    </message>
    <message>
        <source>Not enough disk space for {repo_id}: {bytes} still to download, {bytes2} free on the disk of {hf_cache_dir}.</source>
        <translation>磁盘空间不足，无法下载 {repo_id}：还需下载 {bytes}，{hf_cache_dir} 所在磁盘仅剩 {bytes2}。</translation>
    </message>
    <message>
        <source>Free some space, choose fewer files, or set HF_HOME to a bigger disk. Nothing was lost: the download resumes where it stopped.</source>
        <translation>请释放一些空间、少选一些文件，或把 HF_HOME 设到更大的磁盘上。没有丢失任何内容：下载会从中断处继续。</translation>
    </message>
    <message>
        <source>Downloaded {repo_id}</source>
        <translation>已下载 {repo_id}</translation>
    </message>
    <message>
        <source>Waiting: another program is downloading {name}</source>
        <translation>等待中：另一个程序正在下载 {name}</translation>
    </message>
    <message>
        <source>the connection closed after {done} of {total}</source>
        <translation>连接在传输了 {done}（共 {total}）后关闭</translation>
    </message>
    <message>
        <source>The hub answered {status} for {name} of {repo_id} {attempts} times in a row.</source>
        <translation>Hub 对 {repo_id} 的 {name} 连续 {attempts} 次返回 {status}。</translation>
    </message>
    <message>
        <source>The hub is having trouble; retry later. What arrived is kept and the download resumes where it stopped.</source>
        <translation>Hub 暂时出现问题；请稍后重试。已下载的部分会保留，下载会从中断处继续。</translation>
    </message>
    <message>
        <source>Downloading {name} of {repo_id} failed {attempts} times in a row: {exc}.</source>
        <translation>下载 {repo_id} 的 {name} 连续失败 {attempts} 次：{exc}。</translation>
    </message>
    <message>
        <source>Check the network connection to {endpoint} and retry; the download resumes where it stopped.</source>
        <translation>请检查到 {endpoint} 的网络连接后重试；下载会从中断处继续。</translation>
    </message>
    <message>
        <source>{name} of {repo_id} failed verification: its {kind} is {actual}… but the hub says {etag}…. The corrupt file was deleted; the model was not added to the library.</source>
        <translation>{repo_id} 的 {name} 校验失败：它的 {kind} 是 {actual}…，而 Hub 上是 {etag}…。损坏的文件已删除；模型未加入模型库。</translation>
    </message>
    <message>
        <source>Retry the download. If it fails again, something between you and the hub (a proxy, antivirus or a broken mirror set in HF_ENDPOINT) is changing the file.</source>
        <translation>请重新下载。如果再次失败，说明你和 Hub 之间的某个环节（代理、杀毒软件，或 HF_ENDPOINT 中设置的有问题的镜像）改动了文件。</translation>
    </message>
    <message>
        <source>the server closed the connection without answering</source>
        <translation>服务器没有应答就关闭了连接</translation>
    </message>
    <message>
        <source>the partial file did not match the server&apos;s</source>
        <translation>已下载的部分文件与服务器上的文件不一致</translation>
    </message>
    <message>
        <source>{name} is no longer on the hub (404).</source>
        <translation>{name} 已不在 Hub 上（404）。</translation>
    </message>
    <message>
        <source>The repository changed; open the model page again and pick its current files.</source>
        <translation>仓库已变更；请重新打开模型页面并选择它现在的文件。</translation>
    </message>
    <message>
        <source>the hub answered {status}</source>
        <translation>Hub 返回了 {status}</translation>
    </message>
    <message>
        <source>The hub answered {status} for {name}.</source>
        <translation>Hub 对 {name} 返回了 {status}。</translation>
    </message>
    <message>
        <source>Retry later.</source>
        <translation>请稍后重试。</translation>
    </message>
    <message>
        <source>The disk is full while writing {name} ({bytes} of {bytes2} written) to {hf_cache_dir}.</source>
        <translation>向 {hf_cache_dir} 写入 {name} 时磁盘已满（已写入 {bytes}/{bytes2}）。</translation>
    </message>
    <message>
        <source>Free some space and retry: the download resumes from what is on disk.</source>
        <translation>请释放一些空间后重试：下载会从磁盘上已有的部分继续。</translation>
    </message>
    <message>
        <source>SmolLM2-135M-Instruct, a small chat model (GGUF, converted once on first use)</source>
        <translation>SmolLM2-135M-Instruct，一个小型对话模型（GGUF 格式，首次使用时转换一次）</translation>
    </message>
    <message>
        <source>all-MiniLM-L6-v2, a sentence-embedding encoder (BERT-style)</source>
        <translation>all-MiniLM-L6-v2，一个句子嵌入编码器（BERT 类）</translation>
    </message>
    <message>
        <source>The model store {store} cannot be read: {value}.</source>
        <translation>无法读取模型仓库 {store}：{value}。</translation>
    </message>
    <message>
        <source>Check the folder&apos;s permissions, or set WORKBENCH_STORE to another folder.</source>
        <translation>请检查文件夹权限，或把 WORKBENCH_STORE 设为其他文件夹。</translation>
    </message>
    <message>
        <source>The Hugging Face cache cannot be read: {exc}.</source>
        <translation>无法读取 Hugging Face 缓存：{exc}。</translation>
    </message>
    <message>
        <source>Check HF_HOME / HF_HUB_CACHE and the folder&apos;s permissions.</source>
        <translation>请检查 HF_HOME / HF_HUB_CACHE 以及文件夹权限。</translation>
    </message>
    <message>
        <source>No model was given.</source>
        <translation>没有指定模型。</translation>
    </message>
    <message>
        <source>Pick a model from the library, e.g. smollm2-135m-instruct.</source>
        <translation>请从模型库中选择一个模型，例如 smollm2-135m-instruct。</translation>
    </message>
    <message>
        <source>{candidate} is not a model folder or a .gguf file.</source>
        <translation>{candidate} 不是模型文件夹，也不是 .gguf 文件。</translation>
    </message>
    <message>
        <source>Choose a folder with config.json and weights, or a .gguf file.</source>
        <translation>请选择包含 config.json 和权重的文件夹，或一个 .gguf 文件。</translation>
    </message>
    <message>
        <source>The starter model {name} is not installed.</source>
        <translation>入门模型 {name} 未安装。</translation>
    </message>
    <message>
        <source>Run the set-up command from the README (it installs the starter models).</source>
        <translation>请运行 README 中的安装命令（它会安装入门模型）。</translation>
    </message>
    <message>
        <source>No model called &apos;{ref}&apos; is on this computer.</source>
        <translation>本机上没有名为“{ref}”的模型。</translation>
    </message>
    <message>
        <source>Download it first (workbench download {repo_id}, or the Models tab), or give a local folder.</source>
        <translation>请先下载它（workbench download {repo_id}，或在“模型”页下载），或者指定一个本地文件夹。</translation>
    </message>
    <message>
        <source>See &apos;workbench models list&apos; for the names you can use.</source>
        <translation>可用的名称请运行“workbench models list”查看。</translation>
    </message>
    <message>
        <source>{folder} does not exist or is not a folder.</source>
        <translation>{folder} 不存在或不是文件夹。</translation>
    </message>
    <message>
        <source>Choose a model folder or a .gguf file.</source>
        <translation>请选择模型文件夹或 .gguf 文件。</translation>
    </message>
    <message>
        <source>Copying {name}</source>
        <translation>正在复制 {name}</translation>
    </message>
    <message>
        <source>Waiting for another conversion of {name}</source>
        <translation>正在等待 {name} 的另一个转换完成</translation>
    </message>
    <message>
        <source>Converted from {name}</source>
        <translation>由 {name} 转换而来</translation>
    </message>
    <message>
        <source>No model called &apos;{name}&apos; is in the library.</source>
        <translation>模型库中没有名为“{name}”的模型。</translation>
    </message>
    <message>
        <source>See &apos;workbench models list&apos;.</source>
        <translation>请查看“workbench models list”。</translation>
    </message>
    <message>
        <source>Removed {name} from the Hugging Face cache ({mb:,.0f} MB freed).</source>
        <translation>已从 Hugging Face 缓存中删除 {name}（释放了 {mb:,.0f} MB）。</translation>
    </message>
    <message>
        <source>Removed the converted copy of {name}; it will be converted again on next use.</source>
        <translation>已删除 {name} 的转换副本；下次使用时会重新转换。</translation>
    </message>
    <message>
        <source>{name} is a starter model installed with the app.</source>
        <translation>{name} 是随应用安装的入门模型。</translation>
    </message>
    <message>
        <source>It cannot be removed from here; uninstall its package with pip if you must.</source>
        <translation>不能在这里移除；如确有需要，请用 pip 卸载它的软件包。</translation>
    </message>
    <message>
        <source>Removed {name} from the workbench store.</source>
        <translation>已从工作台的模型仓库中删除 {name}。</translation>
    </message>
    <message>
        <source>The model store {store} is not writable: {value}.</source>
        <translation>模型仓库 {store} 不可写：{value}。</translation>
    </message>
    <message>
        <source>Check the folder&apos;s permissions, or set WORKBENCH_STORE to a writable folder.</source>
        <translation>请检查文件夹权限，或把 WORKBENCH_STORE 设为可写的文件夹。</translation>
    </message>
    <message>
        <source>{folder} needs custom code from its authors (model type &apos;{value}&apos; is not built into transformers).</source>
        <translation>{folder} 需要其作者提供的自定义代码（模型类型“{value}”未内置于 transformers）。</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>The workbench does not run downloaded code (trust_remote_code stays off). Choose a model whose architecture transformers supports.</source>
        <translation>工作台不运行下载来的代码（trust_remote_code 始终关闭）。请选择架构受 transformers 支持的模型。</translation>
    </message>
    <message>
        <source>Copy or download the model again.</source>
        <translation>请重新复制或下载该模型。</translation>
    </message>
    <message>
        <source>{folder} has no tokenizer (tokenizer.json, vocab or sentencepiece model).</source>
        <translation>{folder} 没有分词器（tokenizer.json、词表或 sentencepiece 模型）。</translation>
    </message>
    <message>
        <source>Copy the tokenizer files from the model&apos;s original repository into the folder.</source>
        <translation>请从模型的原始仓库把分词器文件复制到该文件夹。</translation>
    </message>
    <message>
        <source>{folder} has no weights (.safetensors or .bin files).</source>
        <translation>{folder} 没有权重（.safetensors 或 .bin 文件）。</translation>
    </message>
    <message>
        <source>Choose the folder that holds the model&apos;s weights.</source>
        <translation>请选择存放模型权重的文件夹。</translation>
    </message>
    <message>
        <source>Unknown model kind &apos;{kind}&apos;.</source>
        <translation>未知的模型类型“{kind}”。</translation>
    </message>
    <message>
        <source>Integrated gradients</source>
        <translation>积分梯度</translation>
    </message>
    <message>
        <source>Gradient × input</source>
        <translation>梯度 × 输入</translation>
    </message>
    <message>
        <source>The target is empty.</source>
        <translation>目标为空。</translation>
    </message>
    <message>
        <source>Give the token(s) to explain, e.g. --target &quot; Paris&quot;.</source>
        <translation>请给出要解释的词元，例如 --target &quot; Paris&quot;。</translation>
    </message>
    <message>
        <source>The tokenizer cannot form the target {target!r}: it becomes {pieces}.</source>
        <translation>分词器无法组成目标 {target!r}：它变成了 {pieces}。</translation>
    </message>
    <message>
        <source>Use characters this model&apos;s vocabulary has (try the words as the model writes them).</source>
        <translation>请使用这个模型词表中有的字符（试试按模型的写法书写这些词）。</translation>
    </message>
    <message>
        <source>Unknown attribution method {method!r}.</source>
        <translation>未知的归因方法 {method!r}。</translation>
    </message>
    <message>
        <source>Use one of: {names}.</source>
        <translation>请使用以下之一：{names}。</translation>
    </message>
    <message>
        <source>The prompt is empty.</source>
        <translation>提示为空。</translation>
    </message>
    <message>
        <source>Type a prompt.</source>
        <translation>请输入提示。</translation>
    </message>
    <message>
        <source>There is no target token to explain.</source>
        <translation>没有要解释的目标词元。</translation>
    </message>
    <message>
        <source>Give a target text or generate at least one token.</source>
        <translation>请给出目标文本，或至少生成一个词元。</translation>
    </message>
    <message>
        <source>Attribution explains a causal language model&apos;s next token; {model} is loaded as {kind}.</source>
        <translation>归因解释的是因果语言模型的下一个词元；{model} 是以 {kind} 加载的。</translation>
    </message>
    <message>
        <source>Choose a causal language model.</source>
        <translation>请选择一个因果语言模型。</translation>
    </message>
    <message>
        <source>Attribution</source>
        <translation>归因</translation>
    </message>
    <message>
        <source>Token {n} of {count}</source>
        <translation>第 {n}/{count} 个词元</translation>
    </message>
    <message>
        <source>The integrated-gradients scores do not add up to the change in log-probability (see convergence_delta): between zero embeddings and the real ones this model&apos;s output changes too abruptly for {steps} steps. Try more steps, or gradient × input.</source>
        <translation>积分梯度的分数之和不等于对数概率的变化（见 convergence_delta）：在全零嵌入和真实嵌入之间，这个模型的输出变化太剧烈，{steps} 步不够。请增加步数，或改用梯度 × 输入。</translation>
    </message>
    <message>
        <source>{arch} does not return attention weights, so rollout is not possible.</source>
        <translation>{arch} 不返回注意力权重，因此无法做注意力展开。</translation>
    </message>
    <message>
        <source>Use integrated gradients or gradient × input.</source>
        <translation>请使用积分梯度或梯度 × 输入。</translation>
    </message>
    <message>
        <source>--max-new-tokens must be 1 or more.</source>
        <translation>--max-new-tokens 至少为 1。</translation>
    </message>
    <message>
        <source>Generate at least one token to explain.</source>
        <translation>请至少生成一个词元来解释。</translation>
    </message>
    <message>
        <source>attribution</source>
        <translation>归因</translation>
    </message>
    <message>
        <source>prompt</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>{path} has only pickle (.bin) weights, which can run code when loaded.</source>
        <translation>{path} 只有 pickle（.bin）权重，加载时可能执行代码。</translation>
    </message>
    <message>
        <source>Use a safetensors release of the model, or allow pickle weights in Settings if you trust its source.</source>
        <translation>请使用该模型的 safetensors 版本；如果信任其来源，也可以在设置中允许 pickle 权重。</translation>
    </message>
    <message>
        <source>{name} needs about {value:.1f} GiB in {dtype} but only {value2:.1f} GiB is free on {device}.</source>
        <translation>{name} 以 {dtype} 运行约需 {value:.1f} GiB，但 {device} 上只有 {value2:.1f} GiB 可用。</translation>
    </message>
    <message>
        <source>Check that the folder has its tokenizer files.</source>
        <translation>请检查该文件夹中是否有分词器文件。</translation>
    </message>
    <message>
        <source>{name} is a set of static word vectors, not a model that reads text.</source>
        <translation>{name} 是一组静态词向量，不是能读取文本的模型。</translation>
    </message>
    <message>
        <source>Use it on the Embeddings tab (Words, Sentences), or choose a language model here.</source>
        <translation>请在“嵌入”标签页（词、句子）中使用它，或在这里选择一个语言模型。</translation>
    </message>
    <message>
        <source>int8 weights run on the CPU only (PyTorch&apos;s dynamic int8 kernels), but device &apos;{device}&apos; was chosen.</source>
        <translation>int8 权重只能在 CPU 上运行（PyTorch 的动态 int8 内核），但选择的设备是“{device}”。</translation>
    </message>
    <message>
        <source>Choose device &apos;auto&apos; or &apos;cpu&apos; for int8, or untick int8 to use {device}.</source>
        <translation>使用 int8 时请选择设备“auto”或“cpu”，或取消勾选 int8 以使用 {device}。</translation>
    </message>
    <message>
        <source>Loading {name}</source>
        <translation>正在加载 {name}</translation>
    </message>
    <message>
        <source>Loaded {name}</source>
        <translation>已加载 {name}</translation>
    </message>
    <message>
        <source>the attention, lens, attribution and fine-tune views</source>
        <translation>注意力、透镜、归因和微调视图</translation>
    </message>
    <message>
        <source>the tokenizer view</source>
        <translation>分词器视图</translation>
    </message>
    <message>
        <source>The tokenizer of {path} could not be loaded: {error}.</source>
        <translation>无法加载 {path} 的分词器：{error}。</translation>
    </message>
    <message>
        <source>The tokenizer in {name} could not be read: {error}.</source>
        <translation>无法读取 {name} 中的分词器：{error}。</translation>
    </message>
    <message>
        <source>The file may be damaged; download or copy it again.</source>
        <translation>文件可能已损坏，请重新下载或复制。</translation>
    </message>
    <message>
        <source>Close other programs, choose a smaller dtype (bfloat16/float16), or pick a smaller model.</source>
        <translation>请关闭其他程序，选择更小的 dtype（bfloat16/float16），或者换一个更小的模型。</translation>
    </message>
    <message>
        <source>If the files are complete, transformers {version} may not support this model: update transformers or choose another model.</source>
        <translation>如果文件完整，可能是 transformers {version} 不支持这个模型：请更新 transformers 或换一个模型。</translation>
    </message>
    <message>
        <source>The configuration of {name} (config.json) is not valid for transformers: {error}</source>
        <translation>{name} 的配置（config.json）未通过 transformers 的检查：{error}</translation>
    </message>
    <message>
        <source>{name} needs custom code from its authors.</source>
        <translation>{name} 需要其作者提供的自定义代码。</translation>
    </message>
    <message>
        <source>The workbench does not run downloaded code; choose a supported model.</source>
        <translation>工作台不会运行下载的代码；请选择受支持的模型。</translation>
    </message>
    <message>
        <source>{name} cannot be loaded as a {kind} model.</source>
        <translation>{name} 不能作为 {kind} 模型加载。</translation>
    </message>
    <message>
        <source>Pick a task this model supports (see its kinds in the Models tab).</source>
        <translation>请选择该模型支持的任务（在“模型”页查看它的类型）。</translation>
    </message>
    <message>
        <source>{name} could not be loaded: {error}</source>
        <translation>无法加载 {name}：{error}</translation>
    </message>
    <message>
        <source>{name} did not fit in memory on {device} in {dtype}.</source>
        <translation>{name} 以 {dtype} 加载到 {device} 时内存不足。</translation>
    </message>
    <message>
        <source>The model files may be damaged or incomplete.</source>
        <translation>模型文件可能已损坏或不完整。</translation>
    </message>
    <message>
        <source>Unknown engine &apos;{engine}&apos;.</source>
        <translation>未知的引擎“{engine}”。</translation>
    </message>
    <message>
        <source>Use transformers or llamacpp.</source>
        <translation>请使用 transformers 或 llamacpp。</translation>
    </message>
    <message>
        <source>{ref} has no GGUF file, which the llama.cpp engine needs.</source>
        <translation>{ref} 没有 GGUF 文件，而 llama.cpp 引擎需要它。</translation>
    </message>
    <message>
        <source>Choose a GGUF model, or switch the engine to transformers.</source>
        <translation>请选择一个 GGUF 模型，或者把引擎切换为 transformers。</translation>
    </message>
    <message>
        <source>Loading {name} with llama.cpp</source>
        <translation>正在用 llama.cpp 加载 {name}</translation>
    </message>
    <message>
        <source>{name} runs on the llama.cpp engine, which cannot show what is inside the model.</source>
        <translation>{name} 运行在 llama.cpp 引擎上，无法显示模型内部的情况。</translation>
    </message>
    <message>
        <source>Switch the engine to transformers in the Generate tab (the GGUF is converted once).</source>
        <translation>请在“生成”标签页中把引擎切换为 transformers（GGUF 只需转换一次）。</translation>
    </message>
    <message>
        <source>{name} cannot switch to {implementation} attention: {exc}</source>
        <translation>{name} 无法切换到 {implementation} 注意力实现：{exc}</translation>
    </message>
    <message>
        <source>Attention weights cannot be captured for this model.</source>
        <translation>无法为此模型捕获注意力权重。</translation>
    </message>
    <message>
        <source>Sentiment</source>
        <translation>情感分析</translation>
    </message>
    <message>
        <source>Is the text positive or negative? A classifier (for example one you fine-tuned) scores its labels; an instruct model can be prompted instead.</source>
        <translation>这段文本是正面还是负面？由分类器（例如你微调的分类器）给各标签打分；也可以改用提示指令模型。</translation>
    </message>
    <message>
        <source>a text classifier (seq-classification, e.g. your fine-tuned classifier) or an instruct model with a chat template</source>
        <translation>文本分类器（seq-classification，例如你微调的分类器）或带对话模板的指令模型</translation>
    </message>
    <message>
        <source>Classify</source>
        <translation>文本分类</translation>
    </message>
    <message>
        <source>Sort a text into labels you type: by a zero-shot NLI model, by a classifier&apos;s own labels, or by prompting an instruct model that scores every label.</source>
        <translation>把文本归入你输入的标签：使用零样本 NLI 模型、分类器自带的标签，或提示指令模型为每个标签打分。</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>comma-separated, e.g. sports, politics, technology</source>
        <translation>用逗号分隔，例如 体育, 政治, 科技</translation>
    </message>
    <message>
        <source>a zero-shot NLI classifier, a text classifier (seq-classification) or an instruct model with a chat template</source>
        <translation>零样本 NLI 分类器、文本分类器（seq-classification）或带对话模板的指令模型</translation>
    </message>
    <message>
        <source>Named entities</source>
        <translation>命名实体</translation>
    </message>
    <message>
        <source>Find people, places and organisations; long texts are read line by line and in overlapping windows.</source>
        <translation>找出人名、地名和机构名；长文本按行并以重叠窗口读取。</translation>
    </message>
    <message>
        <source>a token-classification (NER) model</source>
        <translation>词元分类（NER）模型</translation>
    </message>
    <message>
        <source>Question answering</source>
        <translation>问答</translation>
    </message>
    <message>
        <source>Find the answer to a question in a passage (extractive); long passages are read in overlapping windows.</source>
        <translation>在一段文字中找出问题的答案（抽取式）；长段落以重叠窗口读取。</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>an extractive question-answering model (question-answering head)</source>
        <translation>抽取式问答模型（问答头）</translation>
    </message>
    <message>
        <source>Summarize</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Shorten a text: a sequence-to-sequence model, or an instruct model prompted to summarize.</source>
        <translation>缩写文本：使用序列到序列模型，或提示指令模型进行摘要。</translation>
    </message>
    <message>
        <source>a sequence-to-sequence model (T5, BART, ...) or an instruct model with a chat template</source>
        <translation>序列到序列模型（T5、BART 等）或带对话模板的指令模型</translation>
    </message>
    <message>
        <source>Translate</source>
        <translation>翻译</translation>
    </message>
    <message>
        <source>Translate between two languages: a translation model (its own language pair) or an instruct model prompted with the pair you choose.</source>
        <translation>在两种语言之间翻译：使用翻译模型（其自身的语言对），或按你选择的语言对提示指令模型。</translation>
    </message>
    <message>
        <source>From</source>
        <translation>源语言</translation>
    </message>
    <message>
        <source>To</source>
        <translation>目标语言</translation>
    </message>
    <message>
        <source>a translation model (Marian, T5, ...) or an instruct model with a chat template</source>
        <translation>翻译模型（Marian、T5 等）或带对话模板的指令模型</translation>
    </message>
    <message>
        <source>Fill the mask</source>
        <translation>完形填空</translation>
    </message>
    <message>
        <source>Which words fit the gap? Write [MASK] where the missing word goes.</source>
        <translation>哪些词适合填进空缺？在缺词的位置写 [MASK]。</translation>
    </message>
    <message>
        <source>Text with [MASK]</source>
        <translation>含 [MASK] 的文本</translation>
    </message>
    <message>
        <source>a masked language model (BERT-style, masked-lm)</source>
        <translation>掩码语言模型（BERT 类，masked-lm）</translation>
    </message>
    <message>
        <source>Semantic search</source>
        <translation>语义搜索</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Documents (one per line)</source>
        <translation>文档（每行一篇）</translation>
    </message>
    <message>
        <source>a sentence-embedding encoder (e.g. all-minilm-l6-v2)</source>
        <translation>句子嵌入编码器（例如 all-minilm-l6-v2）</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Ask an instruct model a question or give it an instruction (greedy decoding).</source>
        <translation>向指令模型提问或下达指令（贪心解码）。</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>a causal language model with a chat template (an instruct model)</source>
        <translation>带对话模板的因果语言模型（指令模型）</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Continue a text with a causal language model (greedy decoding).</source>
        <translation>用因果语言模型续写文本（贪心解码）。</translation>
    </message>
    <message>
        <source>Beginning of the text</source>
        <translation>文本开头</translation>
    </message>
    <message>
        <source>a causal language model</source>
        <translation>因果语言模型</translation>
    </message>
    <message>
        <source> from {base_model}</source>
        <translation>，基于 {base_model}</translation>
    </message>
    <message>
        <source>fine-tuned for {finetuned_for}{base}</source>
        <translation>为 {finetuned_for} 微调{base}</translation>
    </message>
    <message>
        <source>sentence embeddings</source>
        <translation>句子嵌入</translation>
    </message>
    <message>
        <source>There is no task called &apos;{task}&apos;.</source>
        <translation>没有名为“{task}”的任务。</translation>
    </message>
    <message>
        <source>Rank documents by meaning for a query: every document and the query become sentence embeddings (the model&apos;s own pooling, else the mean over tokens) and are compared by cosine similarity.</source>
        <translation>按语义为查询对文档排序：每篇文档和查询都转成句子嵌入（用模型自己声明的池化方式，没有则对词元取平均），再用余弦相似度比较。</translation>
    </message>
    <message>
        <source>{model} ({kinds}) cannot do {task}.</source>
        <translation>{model}（{kinds}）无法完成“{task}”任务。</translation>
    </message>
    <message>
        <source>unknown kind</source>
        <translation>未知类型</translation>
    </message>
    <message>
        <source>This task needs {needs}.</source>
        <translation>此任务需要{needs}。</translation>
    </message>
    <message>
        <source>Running {title} on {model}</source>
        <translation>正在用 {model} 运行“{title}”</translation>
    </message>
    <message>
        <source>Done by prompting: {model} is an instruct model, not one made for this task, so it was asked to do it in a chat prompt. A model trained for the task usually does better.</source>
        <translation>通过提示完成：{model} 是指令模型，并非专为此任务训练的模型，所以是在对话提示中让它完成的。专为该任务训练的模型通常做得更好。</translation>
    </message>
    <message>
        <source>The {text_label} is empty.</source>
        <translation>{text_label}为空。</translation>
    </message>
    <message>
        <source>Type a {text_label} or pick an example.</source>
        <translation>请输入{text_label}或选择一个示例。</translation>
    </message>
    <message>
        <source>Question answering needs a context: the passage the answer is taken from.</source>
        <translation>问答需要上下文：即答案所在的那段文字。</translation>
    </message>
    <message>
        <source>Paste the passage into Context (--context on the command line).</source>
        <translation>请把这段文字粘贴到“上下文”中（命令行用 --context）。</translation>
    </message>
    <message>
        <source>There are no documents to search.</source>
        <translation>没有可搜索的文档。</translation>
    </message>
    <message>
        <source>Paste documents one per line, or load a file (--documents FILE on the command line).</source>
        <translation>请每行粘贴一篇文档，或载入文件（命令行用 --documents FILE）。</translation>
    </message>
    <message>
        <source>Translation needs a source and a target language.</source>
        <translation>翻译需要源语言和目标语言。</translation>
    </message>
    <message>
        <source>Choose both (--source-lang and --target-lang on the command line).</source>
        <translation>请两者都选择（命令行用 --source-lang 和 --target-lang）。</translation>
    </message>
    <message>
        <source>The number of new tokens must be at least 1.</source>
        <translation>新词元数至少为 1。</translation>
    </message>
    <message>
        <source>Choose a positive number.</source>
        <translation>请选择一个正数。</translation>
    </message>
    <message>
        <source>The text is {total} tokens long; only its first {limit} tokens were read.</source>
        <translation>文本长 {total} 个词元；只读取了前 {limit} 个。</translation>
    </message>
    <message>
        <source>{model} is a classifier with its own labels ({labels}); none of the labels typed ({typed}) is among them.</source>
        <translation>{model} 是带有自身标签（{labels}）的分类器；你输入的标签（{typed}）都不在其中。</translation>
    </message>
    <message>
        <source>Leave the labels empty to use the model&apos;s own, type some of them, or choose a zero-shot NLI or instruct model for labels of your own.</source>
        <translation>请把标签留空以使用模型自带的标签，或输入其中的一些标签；若要使用你自己的标签，请选择零样本 NLI 模型或指令模型。</translation>
    </message>
    <message>
        <source>Only the labels this classifier knows were scored.</source>
        <translation>只对该分类器已知的标签打了分。</translation>
    </message>
    <message>
        <source>Zero-shot classification needs labels to choose from.</source>
        <translation>零样本分类需要可供选择的标签。</translation>
    </message>
    <message>
        <source>Type two or more labels separated by commas (--labels A,B on the command line).</source>
        <translation>请输入两个或更多用逗号分隔的标签（命令行用 --labels A,B）。</translation>
    </message>
    <message>
        <source>The text is {length} tokens long; it was cut to fit beside each label in the model&apos;s {limit}-token window.</source>
        <translation>文本长 {length} 个词元；为了在模型 {limit} 个词元的窗口中放下每个标签，已将其截短。</translation>
    </message>
    <message>
        <source>The input is too long for {ref}: the prompt is {n} tokens and the model reads at most {limit} tokens, {max_new_tokens} of which are kept for the answer.</source>
        <translation>输入对 {ref} 来说太长：提示有 {n} 个词元，而该模型最多读取 {limit} 个词元，其中 {max_new_tokens} 个留给回答。</translation>
    </message>
    <message>
        <source>Shorten the text, or lower the number of new tokens.</source>
        <translation>请缩短文本，或减少新生成的词元数。</translation>
    </message>
    <message>
        <source>Classification needs labels to choose from.</source>
        <translation>分类需要可供选择的标签。</translation>
    </message>
    <message>
        <source>Scoring label {value} of {n}</source>
        <translation>正在为第 {value}/{n} 个标签打分</translation>
    </message>
    <message>
        <source>{ref} has a slow (Python) tokenizer, which cannot map entities back to the text.</source>
        <translation>{ref} 使用慢速（Python）分词器，无法把实体映射回原文。</translation>
    </message>
    <message>
        <source>Use a model with a tokenizer.json (a fast tokenizer).</source>
        <translation>请使用带 tokenizer.json 的模型（快速分词器）。</translation>
    </message>
    <message>
        <source>Reading line {value} of {n}</source>
        <translation>正在读取第 {value}/{n} 行</translation>
    </message>
    <message>
        <source>The text was read line by line ({n} lines).</source>
        <translation>文本已逐行读取（共 {n} 行）。</translation>
    </message>
    <message>
        <source>{ref} has a slow (Python) tokenizer, which cannot map the answer back to the context.</source>
        <translation>{ref} 使用慢速（Python）分词器，无法把答案映射回上下文。</translation>
    </message>
    <message>
        <source>The question is {question_tokens} tokens long; {ref} reads {limit} tokens at once and needs most of them for the context.</source>
        <translation>问题长 {question_tokens} 个词元；{ref} 一次只读取 {limit} 个词元，其中大部分要留给上下文。</translation>
    </message>
    <message>
        <source>Ask a shorter question.</source>
        <translation>请提一个更短的问题。</translation>
    </message>
    <message>
        <source>Reading window {value} of {windows}</source>
        <translation>正在读取第 {value}/{windows} 个窗口</translation>
    </message>
    <message>
        <source>The context was read in {windows} overlapping windows of {limit} tokens.</source>
        <translation>上下文以 {windows} 个重叠窗口读取，每个窗口 {limit} 个词元。</translation>
    </message>
    <message>
        <source>The model found no answer in the context.</source>
        <translation>模型在上下文中没有找到答案。</translation>
    </message>
    <message>
        <source>The text is {n} tokens; {ref} reads at most {limit} tokens, and {max_new_tokens} are kept for the continuation.</source>
        <translation>文本有 {n} 个词元；{ref} 最多读取 {limit} 个词元，其中 {max_new_tokens} 个要留给续写。</translation>
    </message>
    <message>
        <source>{ref} translates the language pair it was trained on; the pair chosen ({src} → {tgt}) only matters for instruct models.</source>
        <translation>{ref} 只翻译它训练时的语言对；所选的语言对（{src} → {tgt}）只对指令模型有效。</translation>
    </message>
    <message>
        <source>The text is {n} tokens long; only its first {limit} tokens were read.</source>
        <translation>文本长 {n} 个词元；只读取了前 {limit} 个。</translation>
    </message>
    <message>
        <source>{ref} has no mask token.</source>
        <translation>{ref} 没有掩码词元。</translation>
    </message>
    <message>
        <source>Choose a masked language model (BERT-style).</source>
        <translation>请选择掩码语言模型（BERT 类）。</translation>
    </message>
    <message>
        <source>The text has {count} masks; write exactly one {MASK_WRITINGS} where the missing word goes.</source>
        <translation>文本中有 {count} 个掩码；请在缺词的位置只写一个 {MASK_WRITINGS}。</translation>
    </message>
    <message>
        <source>For example: Paris is the {MASK_WRITINGS} of France.</source>
        <translation>例如：巴黎是法国的{MASK_WRITINGS}都。</translation>
    </message>
    <message>
        <source>The text is {length} tokens long; {ref} reads at most {limit}.</source>
        <translation>文本长 {length} 个词元；{ref} 最多读取 {limit} 个。</translation>
    </message>
    <message>
        <source>Shorten the text around the mask.</source>
        <translation>请缩短掩码周围的文本。</translation>
    </message>
    <message>
        <source>1 document was longer than {limit} tokens; only the beginning was compared.</source>
        <translation>有 1 篇文档超过 {limit} 个词元；只比较了它的开头部分。</translation>
    </message>
    <message>
        <source>{n} documents were longer than {limit} tokens; only the beginning was compared.</source>
        <translation>有 {n} 篇文档超过 {limit} 个词元；只比较了它们的开头部分。</translation>
    </message>
    <message>
        <source>The query was longer than {limit} tokens; only its beginning was used.</source>
        <translation>查询超过 {limit} 个词元；只使用了开头部分。</translation>
    </message>
    <message>
        <source>Chinese examples are hidden: this model&apos;s tokenizer does not know {pct:.0f} % of their characters (they become an unknown token).</source>
        <translation>已隐藏中文示例：此模型的分词器不认识其中 {pct:.0f} % 的字符（它们会变成未知词元）。</translation>
    </message>
    <message>
        <source>Chinese examples are hidden: this model&apos;s tokenizer splits Chinese into {n:.1f} tokens per character, many of them byte pieces: a sign it learned little Chinese.</source>
        <translation>已隐藏中文示例：此模型的分词器把中文切成每字符 {n:.1f} 个词元，其中很多是字节片段，说明它几乎没学过中文。</translation>
    </message>
    <message>
        <source>Chinese examples are hidden: this model&apos;s tokenizer could not be read ({error}).</source>
        <translation>已隐藏中文示例：无法读取此模型的分词器（{error}）。</translation>
    </message>
    <message>
        <source>{model} fits none of the task demos.</source>
        <translation>{model} 不适合任何任务演示。</translation>
    </message>
    <message>
        <source>Choose a model with a task head or a chat model.</source>
        <translation>请选择带任务头的模型或对话模型。</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>{path} could not be read ({error}); it was skipped.</source>
        <translation>无法读取 {path}（{error}），已跳过。</translation>
    </message>
    <message>
        <source>The conversation {name} no longer exists.</source>
        <translation>对话 {name} 已不存在。</translation>
    </message>
    <message>
        <source>Start a new one.</source>
        <translation>请开始一个新对话。</translation>
    </message>
    <message>
        <source>The conversation file {path} could not be read: {error}</source>
        <translation>无法读取对话文件 {path}：{error}</translation>
    </message>
    <message>
        <source>Delete it or fix the JSON by hand.</source>
        <translation>请删除它，或者手动修复其中的 JSON。</translation>
    </message>
    <message>
        <source>A conversation needs a name.</source>
        <translation>对话需要一个名称。</translation>
    </message>
    <message>
        <source>Type at least one character.</source>
        <translation>请至少输入一个字符。</translation>
    </message>
    <message>
        <source>Token id {id} · bytes: {hex}</source>
        <translation>词元 ID {id} · 字节：{hex}</translation>
    </message>
    <message>
        <source>Part of a character: the character is shown on the token that completes it.</source>
        <translation>字符的一部分：该字符显示在补全它的那个词元上。</translation>
    </message>
    <message>
        <source>A special token</source>
        <translation>特殊词元</translation>
    </message>
    <message>
        <source>&apos;{word}&apos; is {n} pieces ({pieces}); its vector is their mean.</source>
        <translation>“{word}”由 {n} 个片段组成（{pieces}）；它的向量取这些片段的平均值。</translation>
    </message>
    <message>
        <source>{name} has no input embedding matrix.</source>
        <translation>{name} 没有输入嵌入矩阵。</translation>
    </message>
    <message>
        <source>Choose a text model with a vocabulary (a transformer language model or encoder).</source>
        <translation>请选择一个有词表的文本模型（transformer 语言模型或编码器）。</translation>
    </message>
    <message>
        <source>The word is empty.</source>
        <translation>词为空。</translation>
    </message>
    <message>
        <source>Type a word.</source>
        <translation>请输入一个词。</translation>
    </message>
    <message>
        <source>The vocabulary of {name} cannot form &apos;{word}&apos;.</source>
        <translation>{name} 的词表无法组成“{word}”。</translation>
    </message>
    <message>
        <source>Try another spelling or a more common word; this tokenizer marks it as unknown.</source>
        <translation>请换一种拼写或更常见的词；这个分词器把它标记为未知词。</translation>
    </message>
    <message>
        <source>Unknown segmentation &apos;{mode}&apos;.</source>
        <translation>未知的切分方式“{mode}”。</translation>
    </message>
    <message>
        <source>Choose words or chars.</source>
        <translation>请选择 words（按词）或 chars（按字）。</translation>
    </message>
    <message>
        <source>Cutting the text into words</source>
        <translation>正在把文本切分成词</translation>
    </message>
    <message>
        <source>{file} holds no words.</source>
        <translation>{file} 中没有任何词。</translation>
    </message>
    <message>
        <source>Choose a text file (or a table column) with sentences in it.</source>
        <translation>请选择包含句子的文本文件（或表格的一列）。</translation>
    </message>
    <message>
        <source>The minimum count must be at least 1.</source>
        <translation>最小词频至少为 1。</translation>
    </message>
    <message>
        <source>Use 1 to keep every word.</source>
        <translation>设为 1 可保留所有词。</translation>
    </message>
    <message>
        <source>No word of {file} occurs {min_count} times or more ({n} different words; the most frequent occurs {top} times).</source>
        <translation>{file} 中没有出现 {min_count} 次及以上的词（共 {n} 个不同的词；最常见的词出现 {top} 次）。</translation>
    </message>
    <message>
        <source>the text</source>
        <translation>该文本</translation>
    </message>
    <message>
        <source>Lower the minimum count to {top} or less, or train on a longer text.</source>
        <translation>把最小词频降到 {top} 或更低，或用更长的文本训练。</translation>
    </message>
    <message>
        <source>&apos;{word}&apos; is not among the {n} words of {name}.</source>
        <translation>“{word}”不在 {name} 的 {n} 个词中。</translation>
    </message>
    <message>
        <source>these vectors</source>
        <translation>这些向量</translation>
    </message>
    <message>
        <source>Words seen fewer times than the minimum count are left out: try another word, or train again with a lower minimum count.</source>
        <translation>出现次数少于最小词频的词已被舍弃：请换一个词，或用更低的最小词频重新训练。</translation>
    </message>
    <message>
        <source>The number of neighbours must be at least 1.</source>
        <translation>近邻数至少为 1。</translation>
    </message>
    <message>
        <source>Ask for 1 or more.</source>
        <translation>请指定 1 个或更多。</translation>
    </message>
    <message>
        <source>{name} is not a set of static word vectors.</source>
        <translation>{name} 不是一组静态词向量。</translation>
    </message>
    <message>
        <source>Train or load word vectors on the Word vectors page first.</source>
        <translation>请先在“词向量训练”页训练或加载词向量。</translation>
    </message>
    <message>
        <source>{path} has no vectors file ({file}).</source>
        <translation>{path} 中没有向量文件（{file}）。</translation>
    </message>
    <message>
        <source>Train or import the vectors again.</source>
        <translation>请重新训练或导入这些向量。</translation>
    </message>
    <message>
        <source>{file} must be word2vec (text or binary, with a first line &apos;count dimension&apos;) or GloVe text: one word per line followed by the same number of values.</source>
        <translation>{file} 必须是 word2vec 格式（文本或二进制，第一行为“词数 维度”）或 GloVe 文本格式：每行一个词，后面跟着个数相同的数值。</translation>
    </message>
    <message>
        <source>Choose a vectors file (.txt, .vec or .bin).</source>
        <translation>请选择一个向量文件（.txt、.vec 或 .bin）。</translation>
    </message>
    <message>
        <source>The first line of {file} says the vectors have {dim} dimensions.</source>
        <translation>{file} 的第一行说向量有 {dim} 维。</translation>
    </message>
    <message>
        <source>{file} holds {got} vectors; its first line promises {n}.</source>
        <translation>{file} 中有 {got} 个向量；但它的第一行声明有 {n} 个。</translation>
    </message>
    <message>
        <source>{file} is binary but has no word2vec header (&apos;count dimension&apos;) on its first line.</source>
        <translation>{file} 是二进制文件，但第一行没有 word2vec 文件头（“词数 维度”）。</translation>
    </message>
    <message>
        <source>{file} holds no vectors.</source>
        <translation>{file} 中没有任何向量。</translation>
    </message>
    <message>
        <source>{n} words occur twice or more; the first vector of each is used.</source>
        <translation>有 {n} 个词出现了两次或更多；每个词只使用第一个向量。</translation>
    </message>
    <message>
        <source>Line {line} of {file} is not UTF-8 text (byte {byte}).</source>
        <translation>{file} 的第 {line} 行不是 UTF-8 文本（第 {byte} 个字节）。</translation>
    </message>
    <message>
        <source>Line {line} of {file} has a word but no numbers: &apos;{text}&apos;.</source>
        <translation>{file} 的第 {line} 行只有词，没有数值：“{text}”。</translation>
    </message>
    <message>
        <source>Line {line} of {file} has {got} values after &apos;{word}&apos;; the vectors before it have {dim}.</source>
        <translation>{file} 的第 {line} 行在“{word}”之后有 {got} 个数值；而前面的向量都是 {dim} 维。</translation>
    </message>
    <message>
        <source>Line {line} of {file}: &apos;{value}&apos; (after &apos;{word}&apos;) is not a number.</source>
        <translation>{file} 的第 {line} 行：“{value}”（在“{word}”之后）不是数字。</translation>
    </message>
    <message>
        <source>Line {line} of {file}: the vector of &apos;{word}&apos; holds NaN or infinity.</source>
        <translation>{file} 的第 {line} 行：“{word}”的向量中含有 NaN 或无穷大。</translation>
    </message>
    <message>
        <source>Reading {file}</source>
        <translation>正在读取 {file}</translation>
    </message>
    <message>
        <source>{file} ends inside vector {k} (&apos;{word}&apos;); its first line promises {n} vectors of {dim} numbers.</source>
        <translation>{file} 在第 {k} 个向量（“{word}”）中途结束；它的第一行声明有 {n} 个 {dim} 维的向量。</translation>
    </message>
    <message>
        <source>The vector of &apos;{word}&apos; (number {k}) holds NaN or infinity.</source>
        <translation>“{word}”（第 {k} 个）的向量中含有 NaN 或无穷大。</translation>
    </message>
    <message>
        <source>The library already has a model called &apos;{name}&apos;.</source>
        <translation>模型库中已经有名为“{name}”的模型。</translation>
    </message>
    <message>
        <source>Choose another name, or remove it first (workbench models remove {name}).</source>
        <translation>请换一个名称，或先删除它（workbench models remove {name}）。</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Static word vectors ({what}): {n} words × {dim}</source>
        <translation>静态词向量（{what}）：{n} 个词 × {dim} 维</translation>
    </message>
    <message>
        <source>Unknown method &apos;{m}&apos;.</source>
        <translation>未知的方法“{m}”。</translation>
    </message>
    <message>
        <source>Choose word2vec or glove.</source>
        <translation>请选择 word2vec 或 glove。</translation>
    </message>
    <message>
        <source>{name} must be at least 1 (it is {value}).</source>
        <translation>{name} 至少为 1（当前为 {value}）。</translation>
    </message>
    <message>
        <source>Epoch {e} of {E}</source>
        <translation>第 {e}/{E} 轮</translation>
    </message>
    <message>
        <source>A co-occurrence matrix needs at least two words.</source>
        <translation>共现矩阵至少需要两个词。</translation>
    </message>
    <message>
        <source>window must be at least 1 (it is {value}).</source>
        <translation>窗口至少为 1（当前为 {value}）。</translation>
    </message>
    <message>
        <source>No two kept words occur within the window of each other.</source>
        <translation>保留下来的词之间没有任何两个在窗口内共同出现。</translation>
    </message>
    <message>
        <source>Widen the window, lower the minimum count, or use a longer text.</source>
        <translation>请扩大窗口、降低最小词频，或使用更长的文本。</translation>
    </message>
    <message>
        <source>A similarity matrix needs at least two words.</source>
        <translation>相似度矩阵至少需要两个词。</translation>
    </message>
    <message>
        <source>Type two or more words separated by commas.</source>
        <translation>请输入两个或更多用逗号分隔的词。</translation>
    </message>
    <message>
        <source>{file} has no column &apos;{column}&apos;.</source>
        <translation>{file} 中没有列“{column}”。</translation>
    </message>
    <message>
        <source>Its columns are: {columns}.</source>
        <translation>它的列有：{columns}。</translation>
    </message>
    <message>
        <source>Skipped {n} rows with an empty &apos;{column}&apos;.</source>
        <translation>已跳过 {n} 行“{column}”为空的数据。</translation>
    </message>
    <message>
        <source>Choose a text file saved as UTF-8.</source>
        <translation>请选择以 UTF-8 保存的文本文件。</translation>
    </message>
    <message>
        <source>{path} does not exist.</source>
        <translation>{path} 不存在。</translation>
    </message>
    <message>
        <source>{path} is a folder, not a file.</source>
        <translation>{path} 是文件夹，不是文件。</translation>
    </message>
    <message>
        <source>{name} looks like a binary file, not text (it contains NUL bytes).</source>
        <translation>{name} 看起来是二进制文件，而不是文本（其中含有 NUL 字节）。</translation>
    </message>
    <message>
        <source>Save it as UTF-8 text (from a spreadsheet program: &apos;CSV UTF-8&apos;).</source>
        <translation>请将其保存为 UTF-8 文本（在电子表格程序中另存为“CSV UTF-8”）。</translation>
    </message>
    <message>
        <source>Choose an existing .txt or .csv file.</source>
        <translation>请选择一个已存在的 .txt 或 .csv 文件。</translation>
    </message>
    <message>
        <source>Check the file&apos;s permissions.</source>
        <translation>请检查文件权限。</translation>
    </message>
    <message>
        <source>{file} holds no texts.</source>
        <translation>{file} 中没有文本。</translation>
    </message>
    <message>
        <source>Put one text per line (or per row of a CSV column).</source>
        <translation>每行放一条文本（或 CSV 某列的每行一条）。</translation>
    </message>
    <message>
        <source>mean of the text&apos;s word vectors (static vectors; unknown words left out)</source>
        <translation>文本中各词向量的平均（静态向量；未知词被忽略）</translation>
    </message>
    <message>
        <source>mean over tokens</source>
        <translation>词元平均</translation>
    </message>
    <message>
        <source>first token (CLS)</source>
        <translation>首个词元（CLS）</translation>
    </message>
    <message>
        <source>last token</source>
        <translation>最后一个词元</translation>
    </message>
    <message>
        <source>max over tokens</source>
        <translation>词元最大值</translation>
    </message>
    <message>
        <source>, L2-normalised</source>
        <translation>，L2 归一化</translation>
    </message>
    <message>
        <source> (the model&apos;s own pooling)</source>
        <translation>（模型自带的池化）</translation>
    </message>
    <message>
        <source> (chosen: the model declares no pooling)</source>
        <translation>（自动选择：模型未声明池化方式）</translation>
    </message>
    <message>
        <source>Unknown pooling &apos;{p}&apos;.</source>
        <translation>未知的池化方式“{p}”。</translation>
    </message>
    <message>
        <source>Choose one of: {choices}.</source>
        <translation>请从以下选项中选择：{choices}。</translation>
    </message>
    <message>
        <source>{folder} already holds an atlas.</source>
        <translation>{folder} 中已经有一个图谱。</translation>
    </message>
    <message>
        <source>Open it to continue it, or choose an empty folder.</source>
        <translation>打开它以继续，或选择一个空文件夹。</translation>
    </message>
    <message>
        <source>There are no texts to embed.</source>
        <translation>没有要嵌入的文本。</translation>
    </message>
    <message>
        <source>Type or paste texts, one per line, or load a file.</source>
        <translation>请输入或粘贴文本，每行一条，或载入文件。</translation>
    </message>
    <message>
        <source>{folder} is not an atlas (it has no {file}).</source>
        <translation>{folder} 不是图谱（没有 {file}）。</translation>
    </message>
    <message>
        <source>Choose a folder made by Build atlas.</source>
        <translation>请选择由“构建图谱”生成的文件夹。</translation>
    </message>
    <message>
        <source>The atlas in {folder} cannot be read: {error}</source>
        <translation>无法读取 {folder} 中的图谱：{error}</translation>
    </message>
    <message>
        <source>Build it again into an empty folder.</source>
        <translation>请在一个空文件夹中重新构建。</translation>
    </message>
    <message>
        <source>The atlas in {folder} has an unknown format.</source>
        <translation>{folder} 中的图谱格式未知。</translation>
    </message>
    <message>
        <source>This atlas was embedded with another pooling ({old}).</source>
        <translation>此图谱使用了另一种池化方式（{old}）。</translation>
    </message>
    <message>
        <source>Continue it with the same model and pooling.</source>
        <translation>请用相同的模型和池化方式继续。</translation>
    </message>
    <message>
        <source>Embedded {done} of {total} texts ({rate} a second, about {left} left)</source>
        <translation>已嵌入 {done}/{total} 条文本（每秒 {rate} 条，约剩 {left}）</translation>
    </message>
    <message>
        <source>Embedded {done} of {total} texts</source>
        <translation>已嵌入 {done}/{total} 条文本</translation>
    </message>
    <message>
        <source>t-SNE stopped unexpectedly (its process ended with code {code}).</source>
        <translation>t-SNE 意外停止（其进程以代码 {code} 结束）。</translation>
    </message>
    <message>
        <source>Try PCA, or fewer texts (the t-SNE sample size).</source>
        <translation>请改用 PCA，或减少文本数量（t-SNE 的样本大小）。</translation>
    </message>
    <message>
        <source>t-SNE iteration {i} of {n}</source>
        <translation>t-SNE 第 {i}/{n} 次迭代</translation>
    </message>
    <message>
        <source>t-SNE failed: {error}</source>
        <translation>t-SNE 失败：{error}</translation>
    </message>
    <message>
        <source>A map needs at least two texts; there is {n}.</source>
        <translation>映射至少需要两条文本；现在只有 {n} 条。</translation>
    </message>
    <message>
        <source>Add more texts, one per line.</source>
        <translation>请添加更多文本，每行一条。</translation>
    </message>
    <message>
        <source>PCA of {n} vectors</source>
        <translation>{n} 个向量的 PCA</translation>
    </message>
    <message>
        <source>t-SNE placed a random sample of {k} of the {n} texts (seed {seed}); the others are not on this map. PCA shows them all.</source>
        <translation>t-SNE 只放置了 {n} 条文本中随机抽取的 {k} 条（种子 {seed}）；其余文本不在此图上。PCA 会显示全部。</translation>
    </message>
    <message>
        <source>t-SNE ran on the first {d} principal components.</source>
        <translation>t-SNE 在前 {d} 个主成分上运行。</translation>
    </message>
    <message>
        <source>t-SNE: finding neighbours of {n} points</source>
        <translation>t-SNE：正在查找 {n} 个点的近邻</translation>
    </message>
    <message>
        <source>None of the texts has a word that {name} knows.</source>
        <translation>这些文本中没有 {name} 认识的词。</translation>
    </message>
    <message>
        <source>Use texts in the language these vectors were trained on.</source>
        <translation>请使用与这些向量训练语料同一种语言的文本。</translation>
    </message>
    <message>
        <source>{n} texts × {d} dimensions: vectors {vectors} on disk; in memory the index {index} and the layout {layout} ({memory} of the {available} available).</source>
        <translation>{n} 条文本 × {d} 维：向量在磁盘上占 {vectors}；内存中索引占 {index}，布局占 {layout}（共 {memory}，可用 {available}）。</translation>
    </message>
    <message>
        <source>Unknown projection &apos;{m}&apos;.</source>
        <translation>未知的投影方式“{m}”。</translation>
    </message>
    <message>
        <source>Choose pca or tsne.</source>
        <translation>请选择 pca 或 tsne。</translation>
    </message>
    <message>
        <source>This atlas was embedded with {old}, not {new}.</source>
        <translation>此图谱是用 {old} 嵌入的，不是 {new}。</translation>
    </message>
    <message>
        <source>Continue it with the same model.</source>
        <translation>请用相同的模型继续。</translation>
    </message>
    <message>
        <source>This atlas would not fit in memory: {plan}</source>
        <translation>此图谱放不进内存：{plan}</translation>
    </message>
    <message>
        <source>Use fewer texts, or PCA instead of t-SNE, or a smaller t-SNE sample (max points).</source>
        <translation>请减少文本，或用 PCA 代替 t-SNE，或减小 t-SNE 样本（最大点数）。</translation>
    </message>
    <message>
        <source>Checking how well the map keeps neighbours</source>
        <translation>正在检查地图对近邻关系的保留程度</translation>
    </message>
    <message>
        <source>Naming the clusters by their distinctive words</source>
        <translation>正在用各聚类最有区分度的词为其命名</translation>
    </message>
    <message>
        <source>Cannot make {k} clusters of {n} texts.</source>
        <translation>无法把 {n} 条文本分成 {k} 个簇。</translation>
    </message>
    <message>
        <source>Choose between 2 and {top} clusters.</source>
        <translation>请选择 2 到 {top} 个簇。</translation>
    </message>
    <message>
        <source>k-means: {k} clusters from {m} texts</source>
        <translation>k-means：从 {m} 条文本得到 {k} 个聚类</translation>
    </message>
    <message>
        <source>k-means: assigned {done} of {total}</source>
        <translation>k-means：已分配 {done}/{total}</translation>
    </message>
    <message>
        <source>Nearest neighbours of {n} texts</source>
        <translation>{n} 条文本的最近邻</translation>
    </message>
    <message>
        <source>{n} texts were longer than {limit} tokens; only their beginning was read.</source>
        <translation>{n} 条文本超过 {limit} 个词元；只读取了开头部分。</translation>
    </message>
    <message>
        <source>A map needs at least two texts; there is 1.</source>
        <translation>映射至少需要两条文本；现在只有 1 条。</translation>
    </message>
    <message>
        <source>k-means: {k} clusters</source>
        <translation>k 均值：{k} 个簇</translation>
    </message>
    <message>
        <source>embeddings</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <source>Type the word to follow, e.g. bank.</source>
        <translation>请输入要跟踪的词，例如 bank。</translation>
    </message>
    <message>
        <source>Comparing contexts needs at least two sentences.</source>
        <translation>比较上下文至少需要两个句子。</translation>
    </message>
    <message>
        <source>Type two or more sentences that contain the word, one per line.</source>
        <translation>请输入两个或更多包含这个词的句子，每行一句。</translation>
    </message>
    <message>
        <source>{name} has no fast tokenizer, so the word cannot be located in its tokens.</source>
        <translation>{name} 没有快速分词器，因此无法在词元中定位这个词。</translation>
    </message>
    <message>
        <source>Choose a model with a tokenizer.json.</source>
        <translation>请选择带 tokenizer.json 的模型。</translation>
    </message>
    <message>
        <source>&apos;{word}&apos; does not occur in sentence {n}: {text}</source>
        <translation>“{word}”没有出现在第 {n} 句中：{text}</translation>
    </message>
    <message>
        <source>Use sentences that each contain the word.</source>
        <translation>请使用每句都包含这个词的句子。</translation>
    </message>
    <message>
        <source>&apos;{word}&apos; in sentence {n} is beyond the {limit} tokens the model reads.</source>
        <translation>第 {n} 句中的“{word}”超出了模型能读取的 {limit} 个词元。</translation>
    </message>
    <message>
        <source>Shorten the sentence.</source>
        <translation>请缩短这个句子。</translation>
    </message>
    <message>
        <source>Read {done} of {total} sentences</source>
        <translation>已读取 {done}/{total} 个句子</translation>
    </message>
    <message>
        <source>An analogy needs three words: A − B + C.</source>
        <translation>类比需要三个词：A − B + C。</translation>
    </message>
    <message>
        <source>Fill in all three, e.g. king − man + woman.</source>
        <translation>请把三个词都填上，例如 king − man + woman。</translation>
    </message>
    <message>
        <source>This n-gram model has no attention: it predicts each token from counts of the {n} tokens before it.</source>
        <translation>这个 n 元语法模型没有注意力：它根据前 {n} 个词元的计数来预测每个词元。</translation>
    </message>
    <message>
        <source>Train a Transformer on the same text (Fine-tune → From scratch) to see attention; Generate and Perplexity work on this model.</source>
        <translation>在同一文本上训练一个 Transformer（微调 → 从零训练）即可查看注意力；生成和困惑度可用于此模型。</translation>
    </message>
    <message>
        <source>This {cell} has no attention: it reads the text one token at a time and carries what it has read in a hidden state, so there are no attention weights to show.</source>
        <translation>这个 {cell} 没有注意力：它一次读取一个词元，把已读内容保存在隐藏状态中，因此没有可显示的注意力权重。</translation>
    </message>
    <message>
        <source>Train a Transformer on the same text (Fine-tune → From scratch) to see attention; Generate, Perplexity and Embeddings work on this model.</source>
        <translation>要查看注意力，请在同一文本上训练一个 Transformer（微调 → 从零训练）；“生成”“困惑度”和“嵌入”可以用于这个模型。</translation>
    </message>
    <message>
        <source>Choose a .txt file, or a CSV file and one of its columns.</source>
        <translation>请选择一个 .txt 文件，或一个 CSV 文件及其中一列。</translation>
    </message>
    <message>
        <source>Columns are separated by semicolons.</source>
        <translation>各列以分号分隔。</translation>
    </message>
    <message>
        <source>Columns are separated by tabs.</source>
        <translation>各列以制表符分隔。</translation>
    </message>
    <message>
        <source>Columns are separated by pipes.</source>
        <translation>各列以竖线（|）分隔。</translation>
    </message>
    <message>
        <source>Choose a CSV, TSV or JSONL file.</source>
        <translation>请选择 CSV、TSV 或 JSONL 文件。</translation>
    </message>
    <message>
        <source>{path} cannot be read: {error}.</source>
        <translation>无法读取 {path}：{error}。</translation>
    </message>
    <message>
        <source>Check the file, or download it again.</source>
        <translation>请检查该文件，或重新下载。</translation>
    </message>
    <message>
        <source>{name} is empty.</source>
        <translation>{name} 是空的。</translation>
    </message>
    <message>
        <source>Save the table with a header row and at least one data row.</source>
        <translation>请保存一个带表头行且至少有一行数据的表格。</translation>
    </message>
    <message>
        <source>{name} is not text in any encoding the workbench recognises.</source>
        <translation>{name} 不是工作台能识别的任何编码的文本。</translation>
    </message>
    <message>
        <source>{name} is not valid {encoding} text: undecodable bytes on line {line}.</source>
        <translation>{name} 不是有效的 {encoding} 文本：第 {line} 行有无法解码的字节。</translation>
    </message>
    <message>
        <source>{name} could not be read as a table near line {line}: {error}.</source>
        <translation>无法将 {name} 读取为表格，出错位置在第 {line} 行附近：{error}。</translation>
    </message>
    <message>
        <source>Check that quotes are balanced (a cell starting with &quot; must end with &quot;).</source>
        <translation>请检查引号是否成对（以 &quot; 开头的单元格必须以 &quot; 结尾）。</translation>
    </message>
    <message>
        <source>{name} has no header row (its first line is blank).</source>
        <translation>{name} 没有表头行（第一行是空的）。</translation>
    </message>
    <message>
        <source>Put the column names in the first row.</source>
        <translation>请把列名放在第一行。</translation>
    </message>
    <message>
        <source>Read as {encoding} text.</source>
        <translation>已按 {encoding} 编码读取文本。</translation>
    </message>
    <message>
        <source>Row {row} has {cells} cells but the header has {width} columns. Quote cells that contain the separator, or fix the row.</source>
        <translation>第 {row} 行有 {cells} 个单元格，但表头只有 {width} 列。请给包含分隔符的单元格加上引号，或修正该行。</translation>
    </message>
    <message>
        <source>Row {row} has 1 cell but the header has {width} columns; the missing cells are treated as empty.</source>
        <translation>第 {row} 行只有 1 个单元格，但表头有 {width} 列；缺少的单元格按空值处理。</translation>
    </message>
    <message>
        <source>Row {row} has {cells} cells but the header has {width} columns; the missing cells are treated as empty.</source>
        <translation>第 {row} 行只有 {cells} 个单元格，但表头有 {width} 列；缺少的单元格按空值处理。</translation>
    </message>
    <message>
        <source>Skipped 1 blank row.</source>
        <translation>跳过了 1 个空行。</translation>
    </message>
    <message>
        <source>Skipped {n} blank rows.</source>
        <translation>跳过了 {n} 个空行。</translation>
    </message>
    <message>
        <source>Column {n} is called &apos;{name}&apos; (its header was empty).</source>
        <translation>第 {n} 列命名为“{name}”（其表头为空）。</translation>
    </message>
    <message>
        <source>Column {n} is called &apos;{name}&apos; (its header was a repeat of another).</source>
        <translation>第 {n} 列命名为“{name}”（其表头与另一列重复）。</translation>
    </message>
    <message>
        <source>Left out the first column (with no name): it only numbers the rows, like an index saved by pandas.</source>
        <translation>已略去第一列（无列名）：它只是给行编号，就像 pandas 保存的索引。</translation>
    </message>
    <message>
        <source>Left out the first column ({name}): it only numbers the rows, like an index saved by pandas.</source>
        <translation>已略去第一列（{name}）：它只是给行编号，就像 pandas 保存的索引。</translation>
    </message>
    <message>
        <source>{name}, line {line} is not valid JSON: {error}.</source>
        <translation>{name} 第 {line} 行不是有效的 JSON：{error}。</translation>
    </message>
    <message>
        <source>Each line must be one JSON object, like {&quot;text&quot;: &quot;...&quot;, &quot;label&quot;: &quot;...&quot;}.</source>
        <translation>每一行必须是一个 JSON 对象，例如 {&quot;text&quot;: &quot;...&quot;, &quot;label&quot;: &quot;...&quot;}。</translation>
    </message>
    <message>
        <source>{name}, line {line} is not a JSON object.</source>
        <translation>{name} 第 {line} 行不是 JSON 对象。</translation>
    </message>
    <message>
        <source>Choose a file with some text in it.</source>
        <translation>请选择一个包含文本的文件。</translation>
    </message>
    <message>
        <source>{name} looks like a binary file, not text.</source>
        <translation>{name} 看起来是二进制文件，不是文本。</translation>
    </message>
    <message>
        <source>{name} has {n} columns; which one holds the text?</source>
        <translation>{name} 有 {n} 列；哪一列是文本？</translation>
    </message>
    <message>
        <source>Name the column with --column (one of: {columns}).</source>
        <translation>请用 --column 指定列（可选：{columns}）。</translation>
    </message>
    <message>
        <source>{name} has no column &apos;{column}&apos;.</source>
        <translation>{name} 中没有列“{column}”。</translation>
    </message>
    <message>
        <source>Use one of: {columns}.</source>
        <translation>请使用以下之一：{columns}。</translation>
    </message>
    <message>
        <source>The column &apos;{column}&apos; of {name} is empty.</source>
        <translation>{name} 的列“{column}”是空的。</translation>
    </message>
    <message>
        <source>Choose the column that holds the text.</source>
        <translation>请选择存放文本的列。</translation>
    </message>
    <message>
        <source>A BPE vocabulary needs at least {n} tokens (256 bytes and 4 special tokens), not {size}.</source>
        <translation>BPE 词表至少需要 {n} 个词元（256 个字节加 4 个特殊词元），而不是 {size}。</translation>
    </message>
    <message>
        <source>Choose a vocabulary size of {n} or more, or the character tokenizer.</source>
        <translation>请选择不小于 {n} 的词表大小，或改用字符分词器。</translation>
    </message>
    <message>
        <source>This text allows a BPE vocabulary of at most {most} tokens (every pair that occurs twice is merged), not {size}.</source>
        <translation>这段文本最多只能得到 {most} 个词元的 BPE 词表（每个出现两次的字节对都已合并），而不是 {size}。</translation>
    </message>
    <message>
        <source>Choose a vocabulary size of {most} or less, or give more text.</source>
        <translation>请选择不大于 {most} 的词表大小，或提供更多文本。</translation>
    </message>
    <message>
        <source>Unknown architecture &apos;{arch}&apos;.</source>
        <translation>未知的架构“{arch}”。</translation>
    </message>
    <message>
        <source>Unknown tokenizer &apos;{name}&apos;.</source>
        <translation>未知的分词器“{name}”。</translation>
    </message>
    <message>
        <source>Use lstm, gru, transformer or ngram.</source>
        <translation>请使用 lstm、gru、transformer 或 ngram。</translation>
    </message>
    <message>
        <source>Use char, bpe or word.</source>
        <translation>请使用 char、bpe 或 word。</translation>
    </message>
    <message>
        <source>--{name} must be at least {low}, not {value}.</source>
        <translation>--{name} 至少为 {low}，而不是 {value}。</translation>
    </message>
    <message>
        <source>Choose a larger value.</source>
        <translation>请选择更大的值。</translation>
    </message>
    <message>
        <source>{heads} heads do not divide the hidden size {hidden}.</source>
        <translation>隐藏层大小 {hidden} 不能被头数 {heads} 整除。</translation>
    </message>
    <message>
        <source>Choose a hidden size that is a multiple of the number of heads (e.g. {hidden}).</source>
        <translation>请选择头数整数倍的隐藏层大小（例如 {hidden}）。</translation>
    </message>
    <message>
        <source>Epochs, minutes and learning rate cannot be negative.</source>
        <translation>轮数、分钟数和学习率不能为负数。</translation>
    </message>
    <message>
        <source>Give positive values.</source>
        <translation>请填写正数。</translation>
    </message>
    <message>
        <source>{order} for {tokenizer} tokens: a character says little alone, a word much; a higher order has too few counts per context to be sure of</source>
        <translation>{tokenizer} 词元用 {order} 阶：单个字符信息很少，一个词信息很多；阶数再高，每个上下文的计数就太少，估计不可靠</translation>
    </message>
    <message>
        <source>a time limit of {minutes:g} min</source>
        <translation>时间限制 {minutes:g} 分钟</translation>
    </message>
    <message>
        <source>no time limit</source>
        <translation>无时间限制</translation>
    </message>
    <message>
        <source>{limit} and {tokens} tokens: a small Transformer takes many more steps in the same time, and attention needs many steps to learn structure</source>
        <translation>{limit}，{tokens} 个词元：小型 Transformer 在同样时间内能走更多步，而注意力需要很多步才能学会结构</translation>
    </message>
    <message>
        <source>{limit} and {tokens} tokens: room for a wider model</source>
        <translation>{limit}，{tokens} 个词元：足以训练更宽的模型</translation>
    </message>
    <message>
        <source>32 dimensions per head</source>
        <translation>每个头 32 维</translation>
    </message>
    <message>
        <source>{limit}: one layer, cheaper steps; on a small regular language it wrote as many well-formed lines after 300 steps as two layers</source>
        <translation>{limit}：单层，每步更快；在一个小型正则语言上训练 300 步后，它写出的合乎格式的行和两层一样多</translation>
    </message>
    <message>
        <source>two layers: one to find the previous tokens, one to use them</source>
        <translation>两层：一层找到前面的词元，一层利用它们</translation>
    </message>
    <message>
        <source>{limit}: {hidden} units</source>
        <translation>{limit}：{hidden} 个单元</translation>
    </message>
    <message>
        <source>{limit}: one layer takes more steps in the time</source>
        <translation>{limit}：单层在这段时间内能走更多步</translation>
    </message>
    <message>
        <source>two layers, the usual small recurrent model</source>
        <translation>两层，常见的小型循环网络</translation>
    </message>
    <message>
        <source>{limit}: shorter windows make each step cheaper</source>
        <translation>{limit}：窗口越短，每步越快</translation>
    </message>
    <message>
        <source>128 tokens: several lines or sentences per window</source>
        <translation>128 个词元：每个窗口包含几行或几句</translation>
    </message>
    <message>
        <source>{limit}: fewer windows per step give more updates in the time</source>
        <translation>{limit}：每步窗口越少，这段时间内更新次数越多</translation>
    </message>
    <message>
        <source>32 windows a step</source>
        <translation>每步 32 个窗口</translation>
    </message>
    <message>
        <source>{width} wide: a tiny Transformer learns fastest at 1e-2 (after 300 steps on a small regular language: 15 of 15 lines well-formed, 12 of 15 at 3e-3); wider ones need lower rates (3e-3 up to 128, 1e-3 above)</source>
        <translation>宽度 {width}：极小的 Transformer 在 1e-2 下学得最快（在一个小型正则语言上训练 300 步后：15 行中 15 行合乎格式，3e-3 时为 12 行）；更宽的模型需要更低的学习率（不超过 128 用 3e-3，更宽用 1e-3）</translation>
    </message>
    <message>
        <source>3e-3 trains LSTM/GRU models of this size well</source>
        <translation>3e-3 能很好地训练这种大小的 LSTM/GRU 模型</translation>
    </message>
    <message>
        <source>{n} steps, then the rate decays over the time limit</source>
        <translation>{n} 步，然后学习率在时间限制内逐渐衰减</translation>
    </message>
    <message>
        <source>5 % of the steps (at most 100), then a cosine decay</source>
        <translation>总步数的 5%（最多 100 步），然后余弦衰减</translation>
    </message>
    <message>
        <source>This text has {n} distinct characters, so a character vocabulary has {size} tokens (with 4 special tokens), not {asked}.</source>
        <translation>这段文本有 {n} 个不同字符，因此字符词表有 {size} 个词元（含 4 个特殊词元），而不是 {asked}。</translation>
    </message>
    <message>
        <source>Leave the vocabulary size out for characters (it follows the text), or use BPE.</source>
        <translation>使用字符分词器时请不要指定词表大小（它由文本决定），或改用 BPE。</translation>
    </message>
    <message>
        <source>Reading {name}</source>
        <translation>正在读取 {name}</translation>
    </message>
    <message>
        <source>Training the tokenizer</source>
        <translation>正在训练分词器</translation>
    </message>
    <message>
        <source>The text has {n} tokens, too short for an order-{order} n-gram model: counting needs at least {order} tokens and validating {order} more.</source>
        <translation>文本只有 {n} 个词元，对 {order} 阶 n 元语法模型来说太短：计数至少需要 {order} 个词元，验证还需要 {order} 个。</translation>
    </message>
    <message>
        <source>Give more text, or a lower order (--order).</source>
        <translation>请提供更多文本，或降低阶数（--order）。</translation>
    </message>
    <message>
        <source>The text has {n} tokens, too short for a context of {context}: one window to train on and one to validate on need at least {need} tokens (about {chars} characters).</source>
        <translation>文本只有 {n} 个词元，对 {context} 的上下文长度来说太短：一个训练窗口加一个验证窗口至少需要 {need} 个词元（约 {chars} 个字符）。</translation>
    </message>
    <message>
        <source>Give more text, or a smaller context (--context).</source>
        <translation>请提供更多文本，或使用更小的上下文长度（--context）。</translation>
    </message>
    <message>
        <source>{epochs} epochs (automatic)</source>
        <translation>{epochs} 轮（自动）</translation>
    </message>
    <message>
        <source>Only {n} windows of text: every step trains on all of them.</source>
        <translation>文本只有 {n} 个窗口：每一步都在全部窗口上训练。</translation>
    </message>
    <message>
        <source>Use a lower order (--order) or a smaller text.</source>
        <translation>请降低阶数（--order）或使用更小的文本。</translation>
    </message>
    <message>
        <source>Use a smaller batch size, context or model.</source>
        <translation>请减小批大小、上下文长度或改用更小的模型。</translation>
    </message>
    <message>
        <source>The other {count} training processes did not start within {timeout:.0f} s.</source>
        <translation>其余 {count} 个训练进程没有在 {timeout:.0f} 秒内启动。</translation>
    </message>
    <message>
        <source>Check the launcher&apos;s output for the process that failed.</source>
        <translation>请查看启动器的输出，找出失败的那个进程。</translation>
    </message>
    <message>
        <source>Cancelled before training started.</source>
        <translation>在训练开始前已取消。</translation>
    </message>
    <message>
        <source>The event log and --debug show where it happened.</source>
        <translation>事件日志和 --debug 会显示出错的位置。</translation>
    </message>
    <message>
        <source>The computer ran out of memory.</source>
        <translation>计算机内存不足。</translation>
    </message>
    <message>
        <source>The run was interrupted.</source>
        <translation>运行被中断。</translation>
    </message>
    <message>
        <source>Resume it to continue from the last checkpoint.</source>
        <translation>继续运行即可从最后一个检查点接着训练。</translation>
    </message>
    <message>
        <source>{name} changed since this run started.</source>
        <translation>{name} 在这次运行开始后已被修改。</translation>
    </message>
    <message>
        <source>Start a new run on the changed text.</source>
        <translation>请在修改后的文本上开始新的运行。</translation>
    </message>
    <message>
        <source>Resuming from step {step}</source>
        <translation>从第 {step} 步继续</translation>
    </message>
    <message>
        <source>No complete checkpoint yet: starting from the beginning</source>
        <translation>还没有完整的检查点：从头开始</translation>
    </message>
    <message>
        <source>Finding {model}</source>
        <translation>正在查找 {model}</translation>
    </message>
    <message>
        <source>Checking every row</source>
        <translation>正在检查每一行</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>正在训练</translation>
    </message>
    <message>
        <source>The loss became {value} at step {step}.</source>
        <translation>第 {step} 步时损失变成了 {value}。</translation>
    </message>
    <message>
        <source>Use a smaller learning rate (--lr).</source>
        <translation>请使用更小的学习率（--lr）。</translation>
    </message>
    <message>
        <source>Cancelled at step {step}; the checkpoint is kept, resume to continue.</source>
        <translation>已在第 {step} 步取消；检查点已保留，可继续训练。</translation>
    </message>
    <message>
        <source>Evaluating</source>
        <translation>正在评估</translation>
    </message>
    <message>
        <source>Saving the model into the library</source>
        <translation>正在把模型存入模型库</translation>
    </message>
    <message>
        <source>Stopped at the time limit after {step} steps.</source>
        <translation>{step} 步后到达时间限制，已停止。</translation>
    </message>
    <message>
        <source>The data has {count} problem that block training: {first}</source>
        <translation>数据中有 {count} 个问题导致无法训练：{first}</translation>
    </message>
    <message>
        <source>The data has {count} problems that block training: {first}</source>
        <translation>数据中有 {count} 个问题导致无法训练：{first}</translation>
    </message>
    <message>
        <source>Fix the rows named above (see --validate-only) and start again.</source>
        <translation>请修正上面列出的行（参见 --validate-only），然后重新开始。</translation>
    </message>
    <message>
        <source>LoRA cannot adapt this model: {error}</source>
        <translation>LoRA 无法适配这个模型：{error}</translation>
    </message>
    <message>
        <source>Name the layers to adapt (LoRA targets), e.g. q_proj,v_proj.</source>
        <translation>请指定要适配的层（LoRA 目标），例如 q_proj,v_proj。</translation>
    </message>
    <message>
        <source>Set LoRA dropout to 0: the layers named include stacked expert weights, which peft adapts only without dropout.</source>
        <translation>请把 LoRA dropout 设为 0：所选的层包含堆叠的专家权重，peft 只能在不用 dropout 时适配它们。</translation>
    </message>
    <message>
        <source>Use a smaller batch size, max length or model.</source>
        <translation>请减小批大小、最大长度或改用更小的模型。</translation>
    </message>
    <message>
        <source>Loading the model</source>
        <translation>正在加载模型</translation>
    </message>
    <message>
        <source>Measuring the base model on the validation rows</source>
        <translation>正在用验证行测量基础模型</translation>
    </message>
    <message>
        <source>Cancelled at step {step} of {max}; the checkpoint {checkpoint} is kept, resume to continue.</source>
        <translation>已在第 {step} 步（共 {max} 步）取消；检查点 {checkpoint} 已保留，可继续训练。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Stopped early at step {step} of {max}: the validation loss had not improved for {n} evaluations.</source>
        <translation>在第 {step}/{max} 步提前停止：验证损失已连续 {n} 次评估没有改善。</translation>
    </message>
    <message>
        <source>Finished {step} steps.</source>
        <translation>已完成 {step} 步。</translation>
    </message>
    <message>
        <source>Validation loss {base:.3f} (base model) → {tuned:.3f}: the model learned from the data.</source>
        <translation>验证损失 {base:.3f}（基础模型）→ {tuned:.3f}：模型从数据中学到了东西。</translation>
    </message>
    <message>
        <source>But the validation loss did not improve over the base model ({base:.3f} → {tuned:.3f}): the model has not learned from this data. Try more epochs, a higher learning rate or more rows.</source>
        <translation>但验证损失没有比基础模型更好（{base:.3f} → {tuned:.3f}）：模型没有从这些数据中学到东西。请试试更多轮数、更高的学习率或更多的行。</translation>
    </message>
    <message>
        <source>Fine-tuned from {model} ({task}, LoRA) on {data}</source>
        <translation>由 {model} 在 {data} 上微调而来（{task}，LoRA）</translation>
    </message>
    <message>
        <source>Fine-tuned from {model} ({task}) on {data}</source>
        <translation>由 {model} 在 {data} 上微调而来（{task}）</translation>
    </message>
    <message>
        <source>Measuring a few training steps</source>
        <translation>正在测量几个训练步</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} 秒</translation>
    </message>
    <message>
        <source>{m} min {s} s</source>
        <translation>{m} 分 {s} 秒</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} 小时 {m} 分</translation>
    </message>
    <message>
        <source>No model is chosen.</source>
        <translation>尚未选择模型。</translation>
    </message>
    <message>
        <source>learned</source>
        <translation>学习得到</translation>
    </message>
    <message>
        <source>A table of position vectors, learned in training, added to the token embeddings.</source>
        <translation>一张在训练中学到的位置向量表，加到词元嵌入上。</translation>
    </message>
    <message>
        <source>rotary (RoPE)</source>
        <translation>旋转位置编码（RoPE）</translation>
    </message>
    <message>
        <source>Queries and keys are rotated by an angle that grows with the position, inside attention.</source>
        <translation>在注意力内部，把查询和键旋转一个随位置增大的角度。</translation>
    </message>
    <message>
        <source>ALiBi</source>
        <translation>ALiBi</translation>
    </message>
    <message>
        <source>A penalty on attention scores that grows with the distance between tokens.</source>
        <translation>对注意力分数施加随词元间距离增大的惩罚。</translation>
    </message>
    <message>
        <source>relative</source>
        <translation>相对位置</translation>
    </message>
    <message>
        <source>Attention scores get a bias for the distance between tokens.</source>
        <translation>注意力分数按词元间的距离加上偏置。</translation>
    </message>
    <message>
        <source>sinusoidal</source>
        <translation>正弦位置编码</translation>
    </message>
    <message>
        <source>Fixed sine/cosine position vectors added to the embeddings.</source>
        <translation>固定的正弦/余弦位置向量，加到嵌入上。</translation>
    </message>
    <message>
        <source>none needed</source>
        <translation>不需要</translation>
    </message>
    <message>
        <source>The recurrence reads the tokens in order.</source>
        <translation>循环结构按顺序读取词元。</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>未发现</translation>
    </message>
    <message>
        <source>How the model knows where each token is.</source>
        <translation>模型如何知道每个词元的位置。</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>The transformers class that runs the model.</source>
        <translation>运行该模型的 transformers 类。</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Every weight and bias, each shared one counted once.</source>
        <translation>所有权重和偏置，共享的只计一次。</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Blocks applied one after another; each reads and adds to the hidden state.</source>
        <translation>一个接一个应用的模块块；每块读取隐藏状态并在其上相加。</translation>
    </message>
    <message>
        <source>Hidden size (d_model)</source>
        <translation>隐藏层大小（d_model）</translation>
    </message>
    <message>
        <source>The length of the vector that stands for each token between the layers.</source>
        <translation>在各层之间代表每个词元的向量长度。</translation>
    </message>
    <message>
        <source>Attention heads</source>
        <translation>注意力头数</translation>
    </message>
    <message>
        <source>Each layer&apos;s attention runs this many heads side by side.</source>
        <translation>每层的注意力并行运行这么多个头。</translation>
    </message>
    <message>
        <source>Key/value heads</source>
        <translation>键/值头数</translation>
    </message>
    <message>
        <source>Fewer than the heads means grouped-query attention: several query heads share one key/value head.</source>
        <translation>少于头数表示分组查询注意力（GQA）：几个查询头共享一个键/值头。</translation>
    </message>
    <message>
        <source>As many as the heads: every head has its own keys and values.</source>
        <translation>与头数相同：每个头有自己的键和值。</translation>
    </message>
    <message>
        <source>Head size (d_k)</source>
        <translation>每头维度（d_k）</translation>
    </message>
    <message>
        <source>The length of each head&apos;s query, key and value vectors; scores are divided by √d_k.</source>
        <translation>每个头的查询、键、值向量的长度；分数要除以 √d_k。</translation>
    </message>
    <message>
        <source>Feed-forward size</source>
        <translation>前馈层大小</translation>
    </message>
    <message>
        <source>The width of the two-layer network inside each block.</source>
        <translation>每个块内两层前馈网络的宽度。</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>词表大小</translation>
    </message>
    <message>
        <source>How many different tokens the model knows.</source>
        <translation>模型认识多少个不同的词元。</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>上下文长度</translation>
    </message>
    <message>
        <source>no fixed limit</source>
        <translation>无固定上限</translation>
    </message>
    <message>
        <source>The most tokens the model reads at once.</source>
        <translation>模型一次最多读取的词元数。</translation>
    </message>
    <message>
        <source>Normalisation</source>
        <translation>归一化</translation>
    </message>
    <message>
        <source>RMSNorm rescales each vector by its root mean square; LayerNorm also subtracts the mean.</source>
        <translation>RMSNorm 按均方根缩放每个向量；LayerNorm 还会减去均值。</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>The non-linearity inside the feed-forward network.</source>
        <translation>前馈网络中的非线性函数。</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>位置编码</translation>
    </message>
    <message>
        <source>Tied embeddings</source>
        <translation>共享嵌入</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Yes: the output layer reuses the input embedding matrix (counted once).</source>
        <translation>是：输出层复用输入嵌入矩阵（只计一次）。</translation>
    </message>
    <message>
        <source>Recurrent cell</source>
        <translation>循环单元</translation>
    </message>
    <message>
        <source>The layer type: each token updates a state carried to the next.</source>
        <translation>层的类型：每个词元更新一个状态，并传给下一个词元。</translation>
    </message>
    <message>
        <source>{activation} (gated)</source>
        <translation>{activation}（门控）</translation>
    </message>
    <message>
        <source>Pick a model in the model picker or pass -m MODEL.</source>
        <translation>请在模型选择框中选择一个模型，或传入 -m MODEL。</translation>
    </message>
    <message>
        <source>Reading the configuration</source>
        <translation>正在读取配置</translation>
    </message>
    <message>
        <source>Check that the folder has a valid config.json, or update transformers.</source>
        <translation>请检查文件夹中有有效的 config.json，或更新 transformers。</translation>
    </message>
    <message>
        <source>Building the module tree</source>
        <translation>正在构建模块树</translation>
    </message>
    <message>
        <source>transformers {version} cannot build {name} ({kind}): {error}</source>
        <translation>transformers {version} 无法构建 {name}（{kind}）：{error}</translation>
    </message>
    <message>
        <source>Update transformers or choose another model.</source>
        <translation>请更新 transformers 或换一个模型。</translation>
    </message>
    <message>
        <source>a causal LM</source>
        <translation>因果语言模型</translation>
    </message>
    <message>
        <source>a causal or masked LM</source>
        <translation>因果或掩码语言模型</translation>
    </message>
    <message>
        <source>{model} cannot be used for {what}: that needs {needs} (a language-model head), and this model can be: {kinds}.</source>
        <translation>{model} 不能用于{what}：这需要{needs}（带语言模型头），而这个模型可以作为：{kinds}。</translation>
    </message>
    <message>
        <source>Choose a causal language model, e.g. smollm2-135m-instruct.</source>
        <translation>请选择一个因果语言模型，例如 smollm2-135m-instruct。</translation>
    </message>
    <message>
        <source>{model} was unloaded.</source>
        <translation>{model} 已被卸载。</translation>
    </message>
    <message>
        <source>Run it again; the model is loaded anew.</source>
        <translation>请再运行一次；模型会重新加载。</translation>
    </message>
    <message>
        <source>Inspecting {model} needs a float32 copy of it, about {need} MB, but only {free} MB of memory is free.</source>
        <translation>检查 {model} 需要它的一份 float32 副本，约 {need} MB，但只有 {free} MB 可用内存。</translation>
    </message>
    <message>
        <source>Close other programs or unload other models, or load this model in float32 (dtype setting) so no copy is needed.</source>
        <translation>关闭其他程序或卸载其他模型，或者以 float32 载入这个模型（dtype 设置），这样就不需要副本。</translation>
    </message>
    <message>
        <source>Attention, computed, does not know {arch} yet: {what}.</source>
        <translation>“注意力计算过程”还不认识 {arch}：{what}。</translation>
    </message>
    <message>
        <source>It works on GPT-2, Llama-family models (Llama, Qwen, Mistral, Gemma, Phi-3), BERT-style encoders and the encoder of T5/Marian. The heatmap (Capture) works on this model.</source>
        <translation>它支持 GPT-2、Llama 系列模型（Llama、Qwen、Mistral、Gemma、Phi-3）、BERT 类编码器以及 T5/Marian 的编码器。这个模型可以用热力图（捕获）查看。</translation>
    </message>
    <message>
        <source>Choose a number from 0 to {last}.</source>
        <translation>请选择 0 到 {last} 之间的数。</translation>
    </message>
    <message>
        <source>The text has {n} tokens but {model} reads at most {limit}.</source>
        <translation>文本有 {n} 个词元，但 {model} 最多读取 {limit} 个。</translation>
    </message>
    <message>
        <source>Shorten the text to {limit} tokens or fewer.</source>
        <translation>请把文本缩短到不超过 {limit} 个词元。</translation>
    </message>
    <message>
        <source>Computing attention step by step over {n} tokens needs about {need}, but only {free} of memory can be used.</source>
        <translation>对 {n} 个词元逐步计算注意力大约需要 {need}，但只有 {free} 内存可用。</translation>
    </message>
    <message>
        <source>Shorten the text (a sentence or two is enough to follow the formula).</source>
        <translation>请缩短文本（一两句话就足以跟着公式走一遍）。</translation>
    </message>
    <message>
        <source>{model} runs on llama.cpp, whose attention cannot be looked into.</source>
        <translation>{model} 运行在 llama.cpp 上，无法查看它的注意力内部。</translation>
    </message>
    <message>
        <source>Load the model with the transformers engine.</source>
        <translation>请用 transformers 引擎加载这个模型。</translation>
    </message>
    <message>
        <source>Type a sentence to see how the model computes its attention.</source>
        <translation>输入一句话，看看模型如何计算注意力。</translation>
    </message>
    <message>
        <source>the decoder&apos;s self-attention</source>
        <translation>解码器的自注意力</translation>
    </message>
    <message>
        <source>cross-attention</source>
        <translation>交叉注意力</translation>
    </message>
    <message>
        <source>Attention, computed, does not work through {what} yet.</source>
        <translation>“注意力计算过程”目前还不能逐步计算{what}。</translation>
    </message>
    <message>
        <source>Choose the encoder&apos;s self-attention (part encoder); the heatmap (Capture) shows the decoder&apos;s and the cross-attention weights.</source>
        <translation>请选择编码器的自注意力（part 选 encoder）；解码器的自注意力和交叉注意力的权重可以在热力图（捕获）中查看。</translation>
    </message>
    <message>
        <source>{model} has no attention part &apos;{part}&apos;.</source>
        <translation>{model} 没有名为“{part}”的注意力部分。</translation>
    </message>
    <message>
        <source>Choose self (or encoder for an encoder-decoder).</source>
        <translation>请选择 self（编码器-解码器模型也可选 encoder）。</translation>
    </message>
    <message>
        <source>Computed</source>
        <translation>已计算</translation>
    </message>
    <message>
        <source>no self-attention modules were found</source>
        <translation>没有找到自注意力模块</translation>
    </message>
    <message>
        <source>Layer {value} does not exist: this model has {count} layers (0 to {last}).</source>
        <translation>第 {value} 层不存在：这个模型有 {count} 层（0 到 {last}）。</translation>
    </message>
    <message>
        <source>Head {value} does not exist: each layer has {count} heads (0 to {last}).</source>
        <translation>头 {value} 不存在：每层有 {count} 个头（0 到 {last}）。</translation>
    </message>
    <message>
        <source>Query token {value} does not exist: the text has {count} tokens (0 to {last}).</source>
        <translation>查询词元 {value} 不存在：这段文本有 {count} 个词元（0 到 {last}）。</translation>
    </message>
    <message>
        <source>its q, k and v projections are not separate Linear layers nor GPT-2&apos;s or Phi-3&apos;s fused one</source>
        <translation>它的 q、k、v 投影既不是分开的 Linear 层，也不是 GPT-2 或 Phi-3 那样的合并投影</translation>
    </message>
    <message>
        <source>layer {layer} is cross-attention</source>
        <translation>第 {layer} 层是交叉注意力</translation>
    </message>
    <message>
        <source>its output projection W^O was not found</source>
        <translation>没有找到它的输出投影 W^O</translation>
    </message>
    <message>
        <source>its attention is computed in a way this page does not follow ({error})</source>
        <translation>它计算注意力的方式本页面还跟不上（{error}）</translation>
    </message>
    <message>
        <source>{heads} heads cannot share {kv} key/value heads evenly</source>
        <translation>{heads} 个头无法平均共用 {kv} 个键/值头</translation>
    </message>
    <message>
        <source>Each head&apos;s q and k are normalised (RMSNorm over d_k: q_norm, k_norm) before the rotation.</source>
        <translation>每个头的 q 和 k 在旋转之前先做归一化（在 d_k 上做 RMSNorm：q_norm、k_norm）。</translation>
    </message>
    <message>
        <source>its rotary function was not found</source>
        <translation>没有找到它的旋转位置编码函数</translation>
    </message>
    <message>
        <source>Rotary position embedding: q and K are rotated by an angle that grows with the token&apos;s position, so position enters here, not in the input embeddings.</source>
        <translation>旋转位置编码：q 和 K 按随词元位置增大的角度旋转，所以位置信息在这里进入，而不是在输入嵌入里。</translation>
    </message>
    <message>
        <source>Grouped-query attention: {heads} query heads share {kv} K/V heads, so query head {head} reads K/V head {kv_head} (with heads {first} to {last}).</source>
        <translation>分组查询注意力（GQA）：{heads} 个查询头共用 {kv} 个 K/V 头，所以查询头 {head} 读取 K/V 头 {kv_head}（与头 {first} 到 {last} 共用）。</translation>
    </message>
    <message>
        <source>This model does not scale the scores (no ÷√d_k): T5 folds the scale into its initialisation of W_Q.</source>
        <translation>这个模型不缩放分数（没有 ÷√d_k）：T5 把缩放因子并入了 W_Q 的初始化。</translation>
    </message>
    <message>
        <source>This model scales the scores by its own factor {scale:.6g} = 1/√{root:.4g} instead of 1/√d_k = 1/√{dk}.</source>
        <translation>这个模型用自己的因子 {scale:.6g} = 1/√{root:.4g} 缩放分数，而不是 1/√d_k = 1/√{dk}。</translation>
    </message>
    <message>
        <source>Gemma 2 caps the scores softly: cap·tanh(score/cap) with cap = {cap}.</source>
        <translation>Gemma 2 对分数做软截断：cap·tanh(score/cap)，其中 cap = {cap}。</translation>
    </message>
    <message>
        <source>A learned relative position bias (one number per head and distance bucket) is added to the scores: this is how T5 knows positions.</source>
        <translation>分数上会加一个学到的相对位置偏置（每个头、每个距离桶一个数）：T5 就是这样知道位置的。</translation>
    </message>
    <message>
        <source>its attention module returned no weights</source>
        <translation>它的注意力模块没有返回权重</translation>
    </message>
    <message>
        <source>Gemma 2/3 normalise the attention output (post_attention_layernorm) before adding it to the residual stream.</source>
        <translation>Gemma 2/3 先对注意力输出做归一化（post_attention_layernorm），再把它加到残差流上。</translation>
    </message>
    <message>
        <source>This block adds attention and the feed-forward network to the residual together, so there is no hidden state after attention alone to compare.</source>
        <translation>这个块把注意力和前馈网络的输出一起加到残差上，所以没有“只经过注意力”的隐藏状态可供比较。</translation>
    </message>
    <message>
        <source>This is the encoder&apos;s self-attention; the decoder&apos;s self-attention and the cross-attention are not computed here.</source>
        <translation>这里计算的是编码器的自注意力；解码器的自注意力和交叉注意力不在这里计算。</translation>
    </message>
    <message>
        <source>Post-norm block: the sum X + attention output is normalised (LayerNorm) afterwards; the sum is what is compared here.</source>
        <translation>后归一化块：X 与注意力输出之和随后会做归一化（LayerNorm）；这里比较的是相加之和。</translation>
    </message>
    <message>
        <source>{what} of {n} tokens needs about {need}, but only {free} of memory can be used: the limit here is {most} tokens.</source>
        <translation>{n} 个词元的{what}大约需要 {need}，但只能使用 {free} 内存：这里的上限是 {most} 个词元。</translation>
    </message>
    <message>
        <source>Shorten the text to {most} tokens or fewer, or close other programs.</source>
        <translation>请把文本缩短到不超过 {most} 个词元，或关闭其他程序。</translation>
    </message>
    <message>
        <source>The {what} is empty.</source>
        <translation>{what}为空。</translation>
    </message>
    <message>
        <source>Type some text.</source>
        <translation>请输入一些文本。</translation>
    </message>
    <message>
        <source>The {what} gives no tokens.</source>
        <translation>{what}没有产生任何词元。</translation>
    </message>
    <message>
        <source>The MLM head of {arch} is not one module, so its layers cannot be read.</source>
        <translation>{arch} 的 MLM 头不是单个模块，因此无法读取它的各层。</translation>
    </message>
    <message>
        <source>Try a BERT- or RoBERTa-style masked LM, or a causal LM.</source>
        <translation>请试试 BERT 或 RoBERTa 类的掩码语言模型，或因果语言模型。</translation>
    </message>
    <message>
        <source>{arch} has no output embeddings (LM head).</source>
        <translation>{arch} 没有输出嵌入（语言模型头）。</translation>
    </message>
    <message>
        <source>The text is empty.</source>
        <translation>文本为空。</translation>
    </message>
    <message>
        <source>{model} is loaded as {kind}, which has no language-model head.</source>
        <translation>{model} 是以 {kind} 加载的，没有语言模型头。</translation>
    </message>
    <message>
        <source>set to zero</source>
        <translation>置零</translation>
    </message>
    <message>
        <source>replaced by its mean over the text</source>
        <translation>替换为它在文本上的均值</translation>
    </message>
    <message>
        <source>layers 0–{last_layer}, heads 0–{last_head} in each layer</source>
        <translation>第 0–{last_layer} 层，每层第 0–{last_head} 个头</translation>
    </message>
    <message>
        <source>{arch} is an encoder-decoder; switching heads off works on decoders (GPT-2, Llama, Qwen, …) and encoders (BERT).</source>
        <translation>{arch} 是编码器-解码器模型；关掉注意力头只支持解码器（GPT-2、Llama、Qwen 等）和编码器（BERT）。</translation>
    </message>
    <message>
        <source>Choose a causal language model or a masked LM.</source>
        <translation>请选择因果语言模型或掩码语言模型。</translation>
    </message>
    <message>
        <source>{arch} has no attention heads the workbench can switch off (no attention output projection was found).</source>
        <translation>{arch} 没有工作台能关掉的注意力头（未找到注意力输出投影）。</translation>
    </message>
    <message>
        <source>Choose a transformer language model such as GPT-2, Llama, Qwen or BERT; recurrent models (LSTM/GRU) have no heads.</source>
        <translation>请选择 GPT-2、Llama、Qwen 或 BERT 这样的 Transformer 语言模型；循环模型（LSTM/GRU）没有注意力头。</translation>
    </message>
    <message>
        <source>The attention output of {arch} is {width} wide, which does not split into {heads} heads.</source>
        <translation>{arch} 的注意力输出宽度为 {width}，无法均分为 {heads} 个头。</translation>
    </message>
    <message>
        <source>This architecture is not supported for switching heads off.</source>
        <translation>此架构不支持关掉注意力头。</translation>
    </message>
    <message>
        <source>“{part}” is not a head: write LAYER.HEAD, e.g. 3.1 (or 3.* for every head of layer 3).</source>
        <translation>“{part}”不是一个头：请写作 层.头，例如 3.1（或用 3.* 表示第 3 层的所有头）。</translation>
    </message>
    <message>
        <source>This model has {range}.</source>
        <translation>此模型有{range}。</translation>
    </message>
    <message>
        <source>Head {layer}.{head} does not exist.</source>
        <translation>头 {layer}.{head} 不存在。</translation>
    </message>
    <message>
        <source>“{part}” is not a layer list: write e.g. 0-3, 1,4,7 or all.</source>
        <translation>“{part}”不是层列表：请写作例如 0-3、1,4,7 或 all。</translation>
    </message>
    <message>
        <source>This model has layers 0–{last}.</source>
        <translation>此模型有第 0–{last} 层。</translation>
    </message>
    <message>
        <source>Layers {part} are out of range.</source>
        <translation>层 {part} 超出范围。</translation>
    </message>
    <message>
        <source>{model} is loaded as {kind}, which has no language-model head: there is no next-token prediction to compare.</source>
        <translation>{model} 以 {kind} 加载，没有语言模型头：没有下一个词元的预测可比较。</translation>
    </message>
    <message>
        <source>Choose a causal language model, or a masked LM with [MASK] in the text.</source>
        <translation>请选择因果语言模型，或在文本中放 [MASK] 并使用掩码语言模型。</translation>
    </message>
    <message>
        <source>{model} is a masked LM: it predicts the token at a {mask}, and the text has none.</source>
        <translation>{model} 是掩码语言模型：它预测 {mask} 处的词元，而文本中没有这个标记。</translation>
    </message>
    <message>
        <source>Put {mask} where the word to predict goes, e.g. “Paris is the {mask} of France.”</source>
        <translation>在要预测的词的位置放 {mask}，例如“巴黎是法国的{mask}。”</translation>
    </message>
    <message>
        <source>Unknown ablation mode “{mode}”.</source>
        <translation>未知的消融方式“{mode}”。</translation>
    </message>
    <message>
        <source>Use zero or mean.</source>
        <translation>请使用 zero 或 mean。</translation>
    </message>
    <message>
        <source>A masked LM: the prediction is for the first [MASK] token (position {n}); a masked LM does not continue text.</source>
        <translation>掩码语言模型：预测的是第一个 [MASK] 词元（位置 {n}）；掩码语言模型不续写文本。</translation>
    </message>
    <message>
        <source>Switching heads off</source>
        <translation>关掉注意力头</translation>
    </message>
    <message>
        <source>Each switched-off head&apos;s output is replaced by its mean over the {n} tokens of the text (kept for the continuation&apos;s new tokens).</source>
        <translation>每个被关掉的头的输出替换为它在文本 {n} 个词元上的均值（续写的新词元也沿用这个均值）。</translation>
    </message>
    <message>
        <source>Running with the heads switched off</source>
        <translation>正在关掉头后运行</translation>
    </message>
    <message>
        <source>Continuing the text</source>
        <translation>正在续写文本</translation>
    </message>
    <message>
        <source>Continuing the text with the heads switched off</source>
        <translation>正在关掉头后续写文本</translation>
    </message>
    <message>
        <source>Layer {layer} does not exist.</source>
        <translation>第 {layer} 层不存在。</translation>
    </message>
    <message>
        <source>A head scan</source>
        <translation>头扫描</translation>
    </message>
    <message>
        <source>Layer {layer}: {n} of {total} layers scanned</source>
        <translation>第 {layer} 层：已扫描 {n}/{total} 层</translation>
    </message>
    <message>
        <source>switching heads off</source>
        <translation>关掉注意力头</translation>
    </message>
    <message>
        <source>The configuration of {name} (config.json) could not be read: {error}</source>
        <translation>无法读取 {name} 的配置（config.json）：{error}</translation>
    </message>
    <message>
        <source>Check that the folder has a valid config.json.</source>
        <translation>请检查文件夹中有有效的 config.json。</translation>
    </message>
    <message>
        <source>{model} has no attention heads the workbench can switch off.</source>
        <translation>{model} 没有工作台能关掉的注意力头。</translation>
    </message>
    <message>
        <source>Choose a transformer language model such as GPT-2, Llama, Qwen or BERT; recurrent models (LSTM/GRU) and encoder-decoders are not supported here.</source>
        <translation>请选择 GPT-2、Llama、Qwen 或 BERT 这样的 Transformer 语言模型；这里不支持循环模型（LSTM/GRU）和编码器-解码器模型。</translation>
    </message>
    <message>
        <source>A logit lens</source>
        <translation>Logit 透镜</translation>
    </message>
    <message>
        <source>Lens positions must lie within the {n} tokens.</source>
        <translation>透镜位置必须在这 {n} 个词元之内。</translation>
    </message>
    <message>
        <source>Running the model</source>
        <translation>正在运行模型</translation>
    </message>
    <message>
        <source>{model} has no layers whose hidden states a logit lens could read (an n-gram model predicts from counts).</source>
        <translation>{model} 没有可供 logit lens 读取隐藏状态的层（n 元语法模型根据计数预测）。</translation>
    </message>
    <message>
        <source>Its probabilities are in Generate&apos;s step table and in Perplexity.</source>
        <translation>它的概率可以在生成页的每步概率表和困惑度页中查看。</translation>
    </message>
    <message>
        <source>Layer {n} of {total}</source>
        <translation>第 {n}/{total} 层</translation>
    </message>
    <message>
        <source>a logit lens</source>
        <translation>Logit 透镜</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>The window must be 2 to {limit} tokens (got {window}).</source>
        <translation>窗口必须为 2 到 {limit} 个词元（当前为 {window}）。</translation>
    </message>
    <message>
        <source>{model} reads at most {limit} tokens.</source>
        <translation>{model} 最多读取 {limit} 个词元。</translation>
    </message>
    <message>
        <source>The stride must be 1 to {window} tokens (got {stride}).</source>
        <translation>步幅必须为 1 到 {window} 个词元（当前为 {stride}）。</translation>
    </message>
    <message>
        <source>A stride of half the window is a good default.</source>
        <translation>半个窗口的步幅是不错的默认值。</translation>
    </message>
    <message>
        <source>The text has {n} token; perplexity needs at least 2.</source>
        <translation>文本只有 {n} 个词元；计算困惑度至少需要 2 个。</translation>
    </message>
    <message>
        <source>Use a longer text.</source>
        <translation>请使用更长的文本。</translation>
    </message>
    <message>
        <source>Perplexity needs a causal language model; {model} is loaded as {kind}.</source>
        <translation>困惑度需要因果语言模型；{model} 是以 {kind} 加载的。</translation>
    </message>
    <message>
        <source>A window</source>
        <translation>一个窗口</translation>
    </message>
    <message>
        <source>Window {n} of {count}</source>
        <translation>第 {n}/{count} 个窗口</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Paste some text or open a file.</source>
        <translation>请粘贴一些文本或打开文件。</translation>
    </message>
    <message>
        <source>perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <source>The two models split the text into different tokens, so only the totals compare.</source>
        <translation>两个模型把文本切分成不同的词元，因此只能比较总体结果。</translation>
    </message>
    <message>
        <source>This token has no context before it.</source>
        <translation>这个词元前面没有上下文。</translation>
    </message>
    <message>
        <source>Pick a token after the first.</source>
        <translation>请选择第一个之后的词元。</translation>
    </message>
    <message>
        <source>the logits of a step</source>
        <translation>查看一步的 logits</translation>
    </message>
    <message>
        <source>Computing the logits</source>
        <translation>正在计算 logits</translation>
    </message>
    <message>
        <source>Beam search keeps several continuations instead of sampling; the step is shown as one ordinary step with these settings.</source>
        <translation>束搜索保留多个续写而不是采样；这里把这一步按这些设置当作普通的一步来展示。</translation>
    </message>
    <message>
        <source>Greedy decoding picks the token with the largest logit: no temperature and no filters are applied.</source>
        <translation>贪心解码选取 logit 最大的词元：不使用温度，也不使用任何过滤。</translation>
    </message>
    <message>
        <source>Capturing the attention row</source>
        <translation>正在捕获注意力行</translation>
    </message>
    <message>
        <source>This model does not return attention weights.</source>
        <translation>这个模型不返回注意力权重。</translation>
    </message>
    <message>
        <source>{steps} optimizer steps: expect little change in the model.</source>
        <translation>只有 {steps} 个优化步：模型不会有多少变化。</translation>
    </message>
    <message>
        <source>We suggest {epochs:g} epochs (about {time}).</source>
        <translation>建议训练 {epochs:g} 轮（约 {time}）。</translation>
    </message>
    <message>
        <source>We suggest {epochs:g} epochs.</source>
        <translation>建议训练 {epochs:g} 轮。</translation>
    </message>
    <message>
        <source>a 1B+ model</source>
        <translation>1B 以上参数的模型</translation>
    </message>
    <message>
        <source>a model under 1B parameters</source>
        <translation>参数少于 1B 的模型</translation>
    </message>
    <message>
        <source>a toy-sized model under 5M parameters, which learns only at high rates</source>
        <translation>参数少于 5M 的玩具级模型（只有学习率高才学得动）</translation>
    </message>
    <message>
        <source>your setting</source>
        <translation>你的设置</translation>
    </message>
    <message>
        <source>{rows} training rows give {steps} steps an epoch: 3 epochs are enough</source>
        <translation>{rows} 行训练数据每轮 {steps} 步：3 轮就够了</translation>
    </message>
    <message>
        <source>only {rows} training rows ({steps} steps an epoch): {epochs:g} epochs give the {min} or so steps a small file needs to change the model</source>
        <translation>只有 {rows} 行训练数据（每轮 {steps} 步）：{epochs:g} 轮才能达到小文件改变模型所需的约 {min} 步</translation>
    </message>
    <message>
        <source>LoRA trains small adapters, which need a higher rate than a full fine-tune: the usual rate for {size}</source>
        <translation>LoRA 训练的是小型适配器，需要比全量微调更高的学习率：这是{size}的常用学习率</translation>
    </message>
    <message>
        <source>rank 16 has room to learn a new style from a small file</source>
        <translation>秩 16 足以从小文件中学到新的风格</translation>
    </message>
    <message>
        <source>alpha = 2 × rank, the usual scale</source>
        <translation>alpha = 2 × 秩，常用的缩放</translation>
    </message>
    <message>
        <source>every linear layer (attention and MLP), not only q/v: learns far more per step</source>
        <translation>所有线性层（注意力和 MLP），而不只是 q/v：每步学到的多得多</translation>
    </message>
    <message>
        <source>a mixture-of-experts model: LoRA on its experts&apos; stacked weights cannot use dropout</source>
        <translation>这是混合专家（MoE）模型：对其专家的堆叠权重做 LoRA 时不能使用 dropout</translation>
    </message>
    <message>
        <source>a full fine-tune moves every weight: the usual rate for {size}</source>
        <translation>全量微调会改动每个权重：这是{size}的常用学习率</translation>
    </message>
    <message>
        <source>warm up over the first 10% of the steps, then decay linearly: suits a short run</source>
        <translation>在前 10% 的步数内预热，然后线性衰减：适合短时间的运行</translation>
    </message>
    <message>
        <source>A batch of {batch} rows does not split evenly over {n} processes: each takes {each}, so a step sees {total} rows.</source>
        <translation>每批 {batch} 行无法平均分给 {n} 个进程：每个进程取 {each} 行，因此每步用 {total} 行。</translation>
    </message>
    <message>
        <source>Some CUDA kernels are not deterministic: the same seed can give slightly different weights on this GPU. Turn on full determinism (--deterministic) to repeat runs exactly, at some cost in speed.</source>
        <translation>部分 CUDA 内核不是确定性的：在这块 GPU 上，相同的种子可能得到略有不同的权重。打开完全确定性（--deterministic）即可完全重现运行，但会慢一些。</translation>
    </message>
    <message>
        <source>Apple GPU (MPS) kernels are not all deterministic: the same seed can give slightly different weights. Use the CPU to repeat a run exactly.</source>
        <translation>Apple GPU（MPS）内核并非都是确定性的：相同的种子可能得到略有不同的权重。要完全重现运行，请使用 CPU。</translation>
    </message>
    <message>
        <source>The same seed and settings give identical weights on this computer.</source>
        <translation>在这台计算机上，相同的种子和设置会得到完全相同的权重。</translation>
    </message>
    <message>
        <source>{file} has changed since the recorded run.</source>
        <translation>{file} 在记录的那次运行之后已被修改。</translation>
    </message>
    <message>
        <source>{file} is missing.</source>
        <translation>{file} 不见了。</translation>
    </message>
    <message>
        <source>{lib} is {now} now; the run used {was}.</source>
        <translation>{lib} 现在是 {now}；那次运行用的是 {was}。</translation>
    </message>
    <message>
        <source>Converting needs {need} MB of disk space in {folder}, but only {free} MB is free.</source>
        <translation>转换需要 {folder} 中有 {need} MB 磁盘空间，但只剩 {free} MB。</translation>
    </message>
    <message>
        <source>Free some disk space (remove models you no longer use in the Models tab) and try again.</source>
        <translation>请腾出一些磁盘空间（在“模型”标签页中删除不再使用的模型），然后重试。</translation>
    </message>
    <message>
        <source>Converting needs about {need} MB of memory but only {free} MB is free.</source>
        <translation>转换大约需要 {need} MB 内存，但只剩 {free} MB 可用。</translation>
    </message>
    <message>
        <source>Close other programs (or unload the model in the Models tab) and try again.</source>
        <translation>请关闭其他程序（或在“模型”标签页中卸载模型），然后重试。</translation>
    </message>
    <message>
        <source>Reading the tokenizer from {file}</source>
        <translation>正在从 {file} 读取分词器</translation>
    </message>
    <message>
        <source>{file} uses an architecture transformers cannot read from GGUF ({error}).</source>
        <translation>{file} 使用的架构 transformers 无法从 GGUF 读取（{error}）。</translation>
    </message>
    <message>
        <source>Use the model&apos;s original safetensors release from the hub instead.</source>
        <translation>请改用 Hub 上该模型原始的 safetensors 版本。</translation>
    </message>
    <message>
        <source>{file} could not be converted: {error}.</source>
        <translation>无法转换 {file}：{error}。</translation>
    </message>
    <message>
        <source>The file may be damaged or use an unsupported quantisation.</source>
        <translation>文件可能已损坏，或者使用了不支持的量化方式。</translation>
    </message>
    <message>
        <source>Reading the tensor layout of {file}</source>
        <translation>正在读取 {file} 的张量布局</translation>
    </message>
    <message>
        <source>Converting {name}</source>
        <translation>正在转换 {name}</translation>
    </message>
    <message>
        <source>{file} lacks weights transformers needs: {names}.</source>
        <translation>{file} 缺少 transformers 需要的权重：{names}。</translation>
    </message>
    <message>
        <source>The file may be damaged, or use a layout transformers cannot read; use the model&apos;s safetensors release instead.</source>
        <translation>文件可能已损坏，或者使用了 transformers 无法读取的布局；请改用该模型的 safetensors 版本。</translation>
    </message>
    <message>
        <source>Converted</source>
        <translation>已转换</translation>
    </message>
    <message>
        <source>The llama.cpp engine is not installed.</source>
        <translation>llama.cpp 引擎未安装。</translation>
    </message>
    <message>
        <source>The llama.cpp engine cannot run on this computer: {reason}</source>
        <translation>llama.cpp 引擎无法在这台电脑上运行：{reason}</translation>
    </message>
    <message>
        <source>This llama.cpp build uses processor instructions this CPU cannot run (e.g. AMX on newer Intel CPUs).</source>
        <translation>这个 llama.cpp 版本用到了本机 CPU 无法执行的处理器指令（例如较新 Intel CPU 上的 AMX）。</translation>
    </message>
    <message>
        <source>The system ended it, most likely because memory ran out.</source>
        <translation>它被系统结束了，很可能是内存不足。</translation>
    </message>
    <message>
        <source>A crash inside llama.cpp: a bug, or a damaged or unsupported GGUF file.</source>
        <translation>llama.cpp 内部崩溃：可能是它的缺陷，或 GGUF 文件已损坏或不受支持。</translation>
    </message>
    <message>
        <source>llama.cpp stopped itself on a failed check: often a damaged or unsupported GGUF file, or too little memory.</source>
        <translation>llama.cpp 因内部检查失败而自行中止：通常是 GGUF 文件已损坏或不受支持，或内存不足。</translation>
    </message>
    <message>
        <source>A crash inside llama.cpp.</source>
        <translation>llama.cpp 内部崩溃。</translation>
    </message>
    <message>
        <source>Switch the engine to transformers, or choose a smaller model; if it happens again, reinstall the engine: {command}. The next request starts the engine afresh.</source>
        <translation>请把引擎切换为 transformers，或选择更小的模型；如果再次发生，请重新安装引擎：{command}。下一次请求会重新启动引擎。</translation>
    </message>
    <message>
        <source>The llama.cpp engine running {name} stopped while {doing}: {how}.</source>
        <translation>运行 {name} 的 llama.cpp 引擎在{doing}时停止了：{how}。</translation>
    </message>
    <message>
        <source>{message} {cause}</source>
        <translation>{message}{cause}</translation>
    </message>
    <message>
        <source>exit code {code}</source>
        <translation>退出码 {code}</translation>
    </message>
    <message>
        <source>The engine&apos;s process failed before llama.cpp ran; its error is in the log.</source>
        <translation>引擎进程在 llama.cpp 运行之前就失败了；错误信息见日志。</translation>
    </message>
    <message>
        <source>loading</source>
        <translation>加载</translation>
    </message>
    <message>
        <source>llama.cpp could not open {name}: {error}</source>
        <translation>llama.cpp 无法打开 {name}：{error}</translation>
    </message>
    <message>
        <source>The file may be damaged, or use an architecture this llama.cpp build does not know; switch the engine to transformers.</source>
        <translation>文件可能已损坏，或者使用了这个 llama.cpp 版本不认识的架构；请把引擎切换为 transformers。</translation>
    </message>
    <message>
        <source>llama.cpp failed while {doing}: {error}</source>
        <translation>llama.cpp 在{doing}时出错：{error}</translation>
    </message>
    <message>
        <source>Switch the engine to transformers.</source>
        <translation>请把引擎切换为 transformers。</translation>
    </message>
    <message>
        <source>resetting</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>generating</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>The llama.cpp engine does not do beam search; it decoded one sequence.</source>
        <translation>llama.cpp 引擎不支持束搜索；它只解码了一个序列。</translation>
    </message>
    <message>
        <source>The llama.cpp engine ignores &apos;no repeat n-gram size&apos;.</source>
        <translation>llama.cpp 引擎会忽略“禁止重复 n-gram”的设置。</translation>
    </message>
    <message>
        <source>Speculative decoding is not available on the llama.cpp engine.</source>
        <translation>llama.cpp 引擎不支持推测解码。</translation>
    </message>
    <message>
        <source>Switch the engine to transformers, or turn the speed-up off.</source>
        <translation>请把引擎换成 transformers，或关闭加速。</translation>
    </message>
    <message>
        <source>Output formats are not available on the llama.cpp engine.</source>
        <translation>llama.cpp 引擎不支持输出格式。</translation>
    </message>
    <message>
        <source>Switch the engine to transformers, or choose free text.</source>
        <translation>请把引擎换成 transformers，或选择自由文本。</translation>
    </message>
    <message>
        <source>The prompt ({n} tokens) fills the llama.cpp context of {limit} tokens.</source>
        <translation>提示（{n} 个词元）已占满 llama.cpp 的 {limit} 个词元的上下文。</translation>
    </message>
    <message>
        <source>Shorten the prompt, or switch the engine to transformers.</source>
        <translation>请缩短提示，或把引擎切换为 transformers。</translation>
    </message>
    <message>
        <source>being tried out</source>
        <translation>试运行</translation>
    </message>
    <message>
        <source>{folder} already holds a run.</source>
        <translation>{folder} 中已经有一次运行。</translation>
    </message>
    <message>
        <source>Choose another --out folder.</source>
        <translation>请选择另一个 --out 文件夹。</translation>
    </message>
    <message>
        <source>with several processes (accelerate launch, torchrun) give --out DIR, so that they share one run folder</source>
        <translation>使用多个进程（accelerate launch、torchrun）时请给出 --out DIR，让它们共用一个运行文件夹</translation>
    </message>
    <message>
        <source>{folder} holds no run (no readable {file}).</source>
        <translation>{folder} 中没有运行（没有可读取的 {file}）。</translation>
    </message>
    <message>
        <source>Give the folder of an earlier run (see the run history).</source>
        <translation>请给出之前某次运行的文件夹（见运行记录）。</translation>
    </message>
    <message>
        <source>This run was limited by --max-steps, so epochs cannot be added.</source>
        <translation>这次运行受 --max-steps 限制，因此不能增加轮数。</translation>
    </message>
    <message>
        <source>fine-tuning</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>-m MODEL, --data FILE and --task are needed (or --out DIR --resume to continue a run)</source>
        <translation>需要 -m MODEL、--data FILE 和 --task（或用 --out DIR --resume 继续一次运行）</translation>
    </message>
    <message>
        <source>--add-epochs needs --resume and --out DIR of a finished run</source>
        <translation>--add-epochs 需要 --resume 和一次已完成运行的 --out DIR</translation>
    </message>
    <message>
        <source>--repeat starts a new run; --resume continues one: give one of them</source>
        <translation>--repeat 开始一次新的运行，--resume 继续已有的运行：请只给出其中一个</translation>
    </message>
    <message>
        <source>--resume needs --out DIR, the folder of the run to continue</source>
        <translation>--resume 需要 --out DIR，即要继续的运行所在的文件夹</translation>
    </message>
    <message>
        <source>Start a new run with more epochs.</source>
        <translation>请用更多轮数开始一次新的运行。</translation>
    </message>
    <message>
        <source>The run in {folder} has already finished.</source>
        <translation>{folder} 中的运行已经完成。</translation>
    </message>
    <message>
        <source>Use --add-epochs N to train it further, or start a new run.</source>
        <translation>请用 --add-epochs N 继续训练，或者开始一次新的运行。</translation>
    </message>
    <message>
        <source>Add --resume to continue it, or choose another --out folder.</source>
        <translation>请加上 --resume 继续它，或者选择另一个 --out 文件夹。</translation>
    </message>
    <message>
        <source>--data FILE and --arch are needed (or --out DIR --resume to continue a run)</source>
        <translation>需要 --data FILE 和 --arch（或用 --out DIR --resume 继续一次运行）</translation>
    </message>
    <message>
        <source>--out DIR is needed: the run folder (its name becomes the model&apos;s name)</source>
        <translation>需要 --out DIR：运行文件夹（它的名称会成为模型的名称）</translation>
    </message>
    <message>
        <source>{folder} holds no from-scratch run (no readable {file}).</source>
        <translation>{folder} 中没有从零训练的运行（没有可读取的 {file}）。</translation>
    </message>
    <message>
        <source>Give the --out folder of an earlier `workbench pretrain` run.</source>
        <translation>请给出之前某次 `workbench pretrain` 运行的 --out 文件夹。</translation>
    </message>
    <message>
        <source>Add --more-steps N to train it longer, or start a new run with another --out.</source>
        <translation>加上 --more-steps N 继续训练它，或用另一个 --out 开始新的运行。</translation>
    </message>
    <message>
        <source>--more-steps continues a finished run; this one has not finished (--resume alone continues it)</source>
        <translation>--more-steps 用于继续已完成的运行；这次运行尚未完成（单用 --resume 即可继续）</translation>
    </message>
    <message>
        <source>--more-steps needs --resume and the --out folder of a finished run</source>
        <translation>--more-steps 需要 --resume 以及一次已完成运行的 --out 文件夹</translation>
    </message>
    <message>
        <source>CUDA was requested but no CUDA GPU is available.</source>
        <translation>请求使用 CUDA，但没有可用的 CUDA GPU。</translation>
    </message>
    <message>
        <source>Choose device &apos;auto&apos; or &apos;cpu&apos;.</source>
        <translation>请选择设备“auto”或“cpu”。</translation>
    </message>
    <message>
        <source>Apple MPS was requested but is not available.</source>
        <translation>请求使用 Apple MPS，但它不可用。</translation>
    </message>
    <message>
        <source>(no classifier head for these labels)</source>
        <translation>（没有对应这些标签的分类头）</translation>
    </message>
    <message>
        <source>This run has no finished model to compare.</source>
        <translation>这次运行没有可供比较的已完成模型。</translation>
    </message>
    <message>
        <source>Pick a finished run in the history.</source>
        <translation>请在运行记录中选择一次已完成的运行。</translation>
    </message>
    <message>
        <source>Running the base model</source>
        <translation>正在运行基础模型</translation>
    </message>
    <message>
        <source>Running the fine-tuned model</source>
        <translation>正在运行微调后的模型</translation>
    </message>
    <message>
        <source>Compared</source>
        <translation>比较完成</translation>
    </message>
    <message>
        <source>no tokenizer files</source>
        <translation>没有分词器文件</translation>
    </message>
    <message>
        <source>file is shorter than its header</source>
        <translation>文件比它的头部还短</translation>
    </message>
    <message>
        <source>header length points past the end of the file</source>
        <translation>头部长度超出了文件末尾</translation>
    </message>
    <message>
        <source>The weights file {path} is damaged: {error}.</source>
        <translation>权重文件 {path} 已损坏：{error}。</translation>
    </message>
    <message>
        <source>Download or copy it again; the file is probably truncated.</source>
        <translation>请重新下载或复制；文件很可能不完整。</translation>
    </message>
    <message>
        <source>The weights file {path} is truncated: it holds {size:,} bytes, its header describes {described:,}.</source>
        <translation>权重文件 {path} 不完整：它只有 {size:,} 字节，而文件头描述的是 {described:,} 字节。</translation>
    </message>
    <message>
        <source>Download or copy it again.</source>
        <translation>请重新下载或复制。</translation>
    </message>
    <message>
        <source>{path} is not a readable GGUF file: {error}.</source>
        <translation>{path} 不是可读取的 GGUF 文件：{error}。</translation>
    </message>
    <message>
        <source>Check that the download finished; GGUF files start with the bytes &apos;GGUF&apos;.</source>
        <translation>请检查下载是否已完成；GGUF 文件以字节“GGUF”开头。</translation>
    </message>
    <message>
        <source>{folder} is not a model folder: it has no config.json.</source>
        <translation>{folder} 不是模型文件夹：其中没有 config.json。</translation>
    </message>
    <message>
        <source>Choose the folder that holds config.json and the weights, or a .gguf file.</source>
        <translation>请选择包含 config.json 和权重的文件夹，或者一个 .gguf 文件。</translation>
    </message>
    <message>
        <source>The folder&apos;s config.json is damaged.</source>
        <translation>该文件夹的 config.json 已损坏。</translation>
    </message>
    <message>
        <source>no weights file (.safetensors or .bin)</source>
        <translation>没有权重文件（.safetensors 或 .bin）</translation>
    </message>
    <message>
        <source>tokenizer_config.json is damaged</source>
        <translation>tokenizer_config.json 已损坏</translation>
    </message>
    <message>
        <source>error: {message}</source>
        <translation>错误：{message}</translation>
    </message>
    <message>
        <source>hint: {hint}</source>
        <translation>建议：{hint}</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>run again with --debug for the full traceback</source>
        <translation>加上 --debug 再运行一次可查看完整的回溯信息</translation>
    </message>
    <message>
        <source>--out must end in one of {kinds} (got &apos;{name}&apos;)</source>
        <translation>--out 必须以 {kinds} 之一结尾（收到的是“{name}”）</translation>
    </message>
    <message>
        <source>give either --head or --aggregate, not both</source>
        <translation>请给出 --head 或 --aggregate 其中之一，不要同时给出</translation>
    </message>
    <message>
        <source>--generate must be 0 or more</source>
        <translation>--generate 必须为 0 或更大</translation>
    </message>
    <message>
        <source>the folder {folder} does not exist</source>
        <translation>文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>--step needs generation steps (use --generate N)</source>
        <translation>--step 需要生成步骤（请使用 --generate N）</translation>
    </message>
    <message>
        <source>--steps must be 2 to 1024</source>
        <translation>--steps 必须在 2 到 1024 之间</translation>
    </message>
    <message>
        <source>--max-new-tokens must be 1 to 64</source>
        <translation>--max-new-tokens 必须在 1 到 64 之间</translation>
    </message>
    <message>
        <source>unknown benchmark &apos;{name}&apos;; choose one of: {names}</source>
        <translation>未知的基准测试“{name}”；请从以下选项中选择：{names}</translation>
    </message>
    <message>
        <source>-k must be at least 1</source>
        <translation>-k 必须至少为 1</translation>
    </message>
    <message>
        <source>--clusters must be 0 (none) or at least 2</source>
        <translation>--clusters 必须为 0（不聚类）或至少为 2</translation>
    </message>
    <message>
        <source>--max-points must be at least 10</source>
        <translation>--max-points 至少为 10</translation>
    </message>
    <message>
        <source>{folder} holds no atlas yet: give --texts FILE to start one</source>
        <translation>{folder} 中还没有图谱：请用 --texts 文件 新建一个</translation>
    </message>
    <message>
        <source>This atlas is not finished: run workbench atlas build {folder}</source>
        <translation>此图谱尚未完成：请运行 workbench atlas build {folder}</translation>
    </message>
    <message>
        <source>--text must be between 0 and {top}</source>
        <translation>--text 必须在 0 到 {top} 之间</translation>
    </message>
    <message>
        <source>say which model: -m MODEL (or --train / --load-vectors to make word vectors)</source>
        <translation>请指定模型：-m MODEL（或用 --train / --load-vectors 生成词向量）</translation>
    </message>
    <message>
        <source>--out must end in .npz or .csv</source>
        <translation>--out 必须以 .npz 或 .csv 结尾</translation>
    </message>
    <message>
        <source>say what to compute: --neighbours WORD, --analogy A B C, --texts FILE or --contexts WORD --texts FILE</source>
        <translation>请说明要计算什么：--neighbours WORD、--analogy A B C、--texts FILE 或 --contexts WORD --texts FILE</translation>
    </message>
    <message>
        <source>--contexts needs --texts FILE: the sentences that contain the word, one per line</source>
        <translation>--contexts 需要 --texts FILE：包含该词的句子，每行一句</translation>
    </message>
    <message>
        <source>--cooccurrence needs --data FILE: the text to count in</source>
        <translation>--cooccurrence 需要 --data FILE：要统计的文本</translation>
    </message>
    <message>
        <source>--name NAME is required: the name of the vectors in the library</source>
        <translation>需要 --name NAME：向量在模型库中的名称</translation>
    </message>
    <message>
        <source>--train needs --data FILE: the text to learn from</source>
        <translation>--train 需要 --data FILE：用于学习的文本</translation>
    </message>
    <message>
        <source>the prompt is empty: give some text with -p/--prompt</source>
        <translation>提示为空：请用 -p/--prompt 给出一些文本</translation>
    </message>
    <message>
        <source>a remote model runs on its server: --prompt-lookup, --draft and the output formats need a local model</source>
        <translation>远程模型在其服务器上运行：--prompt-lookup、--draft 和输出格式需要本地模型</translation>
    </message>
    <message>
        <source>--quantize applies to the transformers engine; a GGUF file is already quantized</source>
        <translation>--quantize 只适用于 transformers 引擎；GGUF 文件本身已经量化</translation>
    </message>
    <message>
        <source>--server runs the model on the server: --engine and --quantize do not apply</source>
        <translation>--server 在服务器上运行模型：--engine 和 --quantize 不适用</translation>
    </message>
    <message>
        <source>--timeout must be more than 0 seconds</source>
        <translation>--timeout 必须大于 0 秒</translation>
    </message>
    <message>
        <source>--top-k must be 1 to 100</source>
        <translation>--top-k 必须在 1 到 100 之间</translation>
    </message>
    <message>
        <source>--stride must be 1 or more</source>
        <translation>--stride 必须为 1 或更大</translation>
    </message>
    <message>
        <source>--window must be 2 or more</source>
        <translation>--window 必须为 2 或更大</translation>
    </message>
    <message>
        <source>--compare works with local models; score the second model with its own command</source>
        <translation>--compare 只适用于本地模型；请用单独的命令为第二个模型打分</translation>
    </message>
    <message>
        <source>--max-new-tokens must be at least 1</source>
        <translation>--max-new-tokens 必须至少为 1</translation>
    </message>
    <message>
        <source>the file does not hold a JSON object</source>
        <translation>文件内容不是一个 JSON 对象</translation>
    </message>
    <message>
        <source>Settings file {path} could not be read ({error}); defaults are in use. It was kept as {backup}.</source>
        <translation>无法读取设置文件 {path}（{error}）；现在使用默认设置。原文件已保留为 {backup}。</translation>
    </message>
    <message>
        <source>Settings file {path} could not be read ({error}); defaults are in use.</source>
        <translation>无法读取设置文件 {path}（{error}）；现在使用默认设置。</translation>
    </message>
    <message>
        <source>Install the llama.cpp engine with: make llamacpp (in a source checkout) or python -m workbench.core.engines.llamacpp_install (it compiles llama.cpp for this CPU: a few minutes, needs a C++ compiler).</source>
        <translation>安装 llama.cpp 引擎：make llamacpp（在源码目录中）或 python -m workbench.core.engines.llamacpp_install（为本机 CPU 编译 llama.cpp：要几分钟，并需要 C++ 编译器）。</translation>
    </message>
    <message>
        <source>Rebuild the engine for this CPU with: make llamacpp (in a source checkout) or python -m workbench.core.engines.llamacpp_install --force; meanwhile use the transformers engine.</source>
        <translation>为本机 CPU 重新编译引擎：make llamacpp（在源码目录中）或 python -m workbench.core.engines.llamacpp_install --force；在此之前请使用 transformers 引擎。</translation>
    </message>
    <message>
        <source>Index: learning {k} regions from {m} texts</source>
        <translation>索引：从 {m} 条文本学习 {k} 个分区</translation>
    </message>
    <message>
        <source>Index: added {done} of {total} texts</source>
        <translation>索引：已加入 {done}/{total} 条文本</translation>
    </message>
    <message>
        <source>Index: exact neighbours of {m} sample texts</source>
        <translation>索引：计算 {m} 条样本文本的精确近邻</translation>
    </message>
    <message>
        <source>PCA: read {done} of {total} vectors</source>
        <translation>PCA：已读取 {done}/{total} 个向量</translation>
    </message>
    <message>
        <source>The atlas in {folder} is not finished ({done} of {n} texts embedded).</source>
        <translation>{folder} 中的图谱尚未完成（已嵌入 {done}/{n} 条文本）。</translation>
    </message>
    <message>
        <source>Press Build to continue it where it stopped.</source>
        <translation>按“构建”从中断处继续。</translation>
    </message>
    <message>
        <source>The query is empty.</source>
        <translation>查询为空。</translation>
    </message>
    <message>
        <source>Type a few words to look for.</source>
        <translation>请输入几个要查找的词。</translation>
    </message>
    <message>
        <source>{model} is not supported here: its input embeddings are shown for decoders and encoders, and this model can be: {kinds}.</source>
        <translation>这里不支持 {model}：输入嵌入只对解码器和编码器展示，而这个模型可用作：{kinds}。</translation>
    </message>
    <message>
        <source>Choose a decoder (GPT-2, Llama, …) or an encoder (BERT, …).</source>
        <translation>请选择一个解码器（GPT-2、Llama 等）或编码器（BERT 等）。</translation>
    </message>
    <message>
        <source>Running the embedding layer</source>
        <translation>正在运行嵌入层</translation>
    </message>
    <message>
        <source>The text gives no tokens.</source>
        <translation>这段文本没有产生任何词元。</translation>
    </message>
    <message>
        <source>The input embeddings</source>
        <translation>输入嵌入</translation>
    </message>
    <message>
        <source>{model} has no segment (token type) embeddings, so it does not read a sentence pair.</source>
        <translation>{model} 没有句段（token type）嵌入，因此不能读取句对。</translation>
    </message>
    <message>
        <source>Leave the second text empty, or choose a BERT-style encoder.</source>
        <translation>请把第二段文本留空，或选择一个 BERT 类编码器。</translation>
    </message>
    <message>
        <source>{model} does not report what enters its first layer.</source>
        <translation>{model} 不报告进入其第一层的内容。</translation>
    </message>
    <message>
        <source>Choose a transformer decoder or encoder.</source>
        <translation>请选择一个 Transformer 解码器或编码器。</translation>
    </message>
    <message>
        <source>{model} has no position table: position is applied inside attention, where q and k are rotated by an angle that grows with the position (rotary embeddings). Only the token embeddings enter the first layer.</source>
        <translation>{model} 没有位置表：位置在注意力内部施加，q 和 k 按随位置增大的角度旋转（旋转位置编码）。进入第一层的只有词元嵌入。</translation>
    </message>
    <message>
        <source>{model} has no position table at its input: position, if any, enters inside its layers.</source>
        <translation>{model} 的输入处没有位置表：位置信息（如果有）在各层内部加入。</translation>
    </message>
    <message>
        <source>No LayerNorm at the input: the sum goes straight into the first layer, whose own norm comes first inside it.</source>
        <translation>输入处没有 LayerNorm：和直接进入第一层，第一层内部首先做自己的归一化。</translation>
    </message>
    <message>
        <source>No segment (token type) embeddings: this model reads one text at a time.</source>
        <translation>没有句段（token type）嵌入：这个模型一次只读一段文本。</translation>
    </message>
    <message>
        <source>--row must be from 1 to {n}</source>
        <translation>--row 必须在 1 到 {n} 之间</translation>
    </message>
    <message>
        <source>The glossary must be a list of terms.</source>
        <translation>术语表必须是一个术语列表。</translation>
    </message>
    <message>
        <source>term {n}</source>
        <translation>第 {n} 个术语</translation>
    </message>
    <message>
        <source>{where}: “{key}” must be a name.</source>
        <translation>{where}：“{key}”必须是一个名称。</translation>
    </message>
    <message>
        <source>{where}: variants must be a list of names.</source>
        <translation>{where}：variants 必须是名称列表。</translation>
    </message>
    <message>
        <source>{where} links to the view “{view}”, which this version does not have.</source>
        <translation>{where}链接到界面“{view}”，但本版本没有这个界面。</translation>
    </message>
    <message>
        <source>{where} links to the lesson “{lesson}”, which is not installed.</source>
        <translation>{where}链接到课程“{lesson}”，但这门课程没有安装。</translation>
    </message>
    <message>
        <source>not valid YAML: {error}</source>
        <translation>不是有效的 YAML：{error}</translation>
    </message>
    <message>
        <source>{where} must be a mapping of keys to values.</source>
        <translation>{where}必须是键到值的映射。</translation>
    </message>
    <message>
        <source>{where} has an unknown key “{key}” (known: {known}).</source>
        <translation>{where}有未知的键“{key}”（可用的键：{known}）。</translation>
    </message>
    <message>
        <source>{where} lacks the key “{key}”.</source>
        <translation>{where}缺少键“{key}”。</translation>
    </message>
    <message>
        <source>{where} must give the text in both languages: {{en: ..., zh: ...}}.</source>
        <translation>{where}必须同时给出两种语言的文本：{{en: ..., zh: ...}}。</translation>
    </message>
    <message>
        <source>{where} must be a name of letters, digits, - and _.</source>
        <translation>{where}必须是由字母、数字、- 和 _ 组成的名称。</translation>
    </message>
    <message>
        <source>{where}: “{target}” takes no input “{key}” (it takes: {known}).</source>
        <translation>{where}：“{target}”没有输入项“{key}”（可用的输入项：{known}）。</translation>
    </message>
    <message>
        <source>step {n}</source>
        <translation>第 {n} 步</translation>
    </message>
    <message>
        <source>{where} opens the view “{view}”, which this version does not have (known: {known}).</source>
        <translation>{where}要打开界面“{view}”，但本版本没有这个界面（已有的界面：{known}）。</translation>
    </message>
    <message>
        <source>{where} asks for the answer “{name}”, which is not known (known: {known}).</source>
        <translation>{where}要求的答案“{name}”不存在（可用的答案：{known}）。</translation>
    </message>
    <message>
        <source>{where}: the answer “{name}” needs the input “{key}”.</source>
        <translation>{where}：答案“{name}”需要输入项“{key}”。</translation>
    </message>
    <message>
        <source>The lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>steps must be a list of at least one step.</source>
        <translation>steps 必须是至少包含一步的列表。</translation>
    </message>
    <message>
        <source>Two steps are called “{id}”.</source>
        <translation>有两个步骤都叫“{id}”。</translation>
    </message>
    <message>
        <source>order must be a whole number.</source>
        <translation>order 必须是整数。</translation>
    </message>
    <message>
        <source>cannot be read: {error}</source>
        <translation>无法读取：{error}</translation>
    </message>
    <message>
        <source>Pick one in the model picker at the top.</source>
        <translation>请在顶部的模型选择框中选一个。</translation>
    </message>
    <message>
        <source>The model&apos;s most likely next token is {token} (p = {p:.1%}); then {second} ({p2:.1%}) and {third} ({p3:.1%}).</source>
        <translation>模型认为最可能的下一个词元是 {token}（p = {p:.1%}），其次是 {second}（{p2:.1%}）和 {third}（{p3:.1%}）。</translation>
    </message>
    <message>
        <source>The final prediction is {token}; the lens shows it on top from layer {layer} of {n} on (layer 0 = the embeddings).</source>
        <translation>最终预测是 {token}；从第 {layer} 层起（共 {n} 层，第 0 层是嵌入层），透镜的第一名就一直是它。</translation>
    </message>
    <message>
        <source>For the next token {token}, the prompt token with the largest score is {source} (position {i}, {score:+.3f}).</source>
        <translation>对于下一个词元 {token}，提示词中得分最大的词元是 {source}（位置 {i}，{score:+.3f}）。</translation>
    </message>
    <message>
        <source>Text {label} surprises the model less: perplexity {low:.2f} against {high:.2f}.</source>
        <translation>文本 {label} 让模型更不意外：困惑度 {low:.2f}，另一段是 {high:.2f}。</translation>
    </message>
    <message>
        <source>The text is one token long: no token has a previous one.</source>
        <translation>文本只有一个词元：没有哪个词元有“前一个词元”。</translation>
    </message>
    <message>
        <source>Use a sentence of a few words.</source>
        <translation>请换成一个有几个词的句子。</translation>
    </message>
    <message>
        <source>Layer {layer}, head {head}: on average {p:.0%} of each token&apos;s attention goes to the token just before it (the mean over all {n} heads is {mean:.0%}).</source>
        <translation>第 {layer} 层第 {head} 个头：平均每个词元有 {p:.0%} 的注意力落在紧挨着它的前一个词元上（全部 {n} 个头的平均值是 {mean:.0%}）。</translation>
    </message>
    <message>
        <source>BLEU (0–100): how many of the prediction&apos;s 1- to 4-word sequences appear in the reference (geometric mean of the four precisions), lowered when the prediction is shorter than the reference.</source>
        <translation>BLEU（0–100）：预测中的 1 到 4 元组有多少出现在参考答案里（四个精确率的几何平均）；预测比参考答案短时会被扣分。</translation>
    </message>
    <message>
        <source>ROUGE (0–1): overlap with the reference seen from both sides; ROUGE-1 single words, ROUGE-2 word pairs, ROUGE-L the longest common subsequence (F-measure of precision and recall, averaged over rows).</source>
        <translation>ROUGE（0–1）：从精确率和召回率两边看与参考答案的重合；ROUGE-1 看单个词，ROUGE-2 看相邻词对，ROUGE-L 看最长公共子序列（取 F 值，再对各行求平均）。</translation>
    </message>
    <message>
        <source>Precision, recall and F1 per label (0–1): of the rows given a label, how many were right; of the rows that have it, how many were found; their harmonic mean. Macro: the plain average over labels.</source>
        <translation>每个标签的精确率、召回率和 F1（0–1）：被预测为该标签的行中有多少是对的；真正属于该标签的行中有多少被找到；以及两者的调和平均。宏平均：对所有标签直接求平均。</translation>
    </message>
    <message>
        <source>Exact match (0–1): the share of answers equal to the reference after lower-casing and removing punctuation, articles and extra spaces.</source>
        <translation>精确匹配（0–1）：转成小写、去掉标点、冠词和多余空格之后，与参考答案完全相同的答案所占的比例。</translation>
    </message>
    <message>
        <source>Token F1 (0–1): the words (Chinese: characters) an answer shares with the reference, as the F1 of precision and recall, averaged over rows (SQuAD).</source>
        <translation>词元 F1（0–1）：答案与参考答案共有的词（中文按字）算出精确率和召回率，再取 F1，并对各行求平均（SQuAD 的算法）。</translation>
    </message>
    <message>
        <source>Distinct-n (0–1): unique n-grams divided by all n-grams in the predictions; low values mean the model repeats itself.</source>
        <translation>Distinct-n（0–1）：预测中不重复的 n 元组数除以全部 n 元组数；数值低说明模型总在重复自己。</translation>
    </message>
    <message>
        <source>Unknown metric “{name}”.</source>
        <translation>未知的指标“{name}”。</translation>
    </message>
    <message>
        <source>Choose from: {names}.</source>
        <translation>可选：{names}。</translation>
    </message>
    <message>
        <source>No metric was named.</source>
        <translation>没有指定任何指标。</translation>
    </message>
    <message>
        <source>There are {p} predictions but {r} references.</source>
        <translation>有 {p} 条预测，却有 {r} 条参考答案。</translation>
    </message>
    <message>
        <source>Give one reference for each prediction, in the same order (one per line or row).</source>
        <translation>请为每条预测给出一条参考答案，顺序一致（每行一条）。</translation>
    </message>
    <message>
        <source>There is nothing to score.</source>
        <translation>没有可以打分的内容。</translation>
    </message>
    <message>
        <source>Give at least one prediction and its reference.</source>
        <translation>请至少给出一条预测和它的参考答案。</translation>
    </message>
    <message>
        <source>Choose a text file with one prediction or reference per line.</source>
        <translation>请选择每行一条预测或参考答案的文本文件。</translation>
    </message>
    <message>
        <source>Write one text per line.</source>
        <translation>每行写一条文本。</translation>
    </message>
    <message>
        <source>{file} has no column “{column}”.</source>
        <translation>{file} 中没有“{column}”列。</translation>
    </message>
    <message>
        <source>Its columns are: {columns}. Name the prediction and reference columns.</source>
        <translation>它的列有：{columns}。请指定预测列和参考答案列。</translation>
    </message>
    <message>
        <source>{file}, row {row}: the cell in column “{column}” is missing.</source>
        <translation>{file} 第 {row} 行：“{column}”列的单元格缺失。</translation>
    </message>
    <message>
        <source>Give every row a prediction and a reference.</source>
        <translation>请为每一行都填上预测和参考答案。</translation>
    </message>
    <message>
        <source>Name both columns: the predictions&apos; and the references&apos;.</source>
        <translation>请同时指定两列：预测列和参考答案列。</translation>
    </message>
    <message>
        <source>For example --column-pred output --column-ref target.</source>
        <translation>例如 --column-pred output --column-ref target。</translation>
    </message>
    <message>
        <source>Columns are read from one table, but two files were given.</source>
        <translation>按列读取时只能用一个表格，但给出了两个文件。</translation>
    </message>
    <message>
        <source>Give the table once (--pred FILE.csv) with the two column names.</source>
        <translation>只给出一次表格（--pred FILE.csv），并写明两个列名。</translation>
    </message>
    <message>
        <source>No references were given.</source>
        <translation>没有给出参考答案。</translation>
    </message>
    <message>
        <source>Give a references file, or a table with two named columns.</source>
        <translation>请给出参考答案文件，或带两个指定列的表格。</translation>
    </message>
    <message>
        <source>{pred} has {p} lines but {ref} has {r}.</source>
        <translation>{pred} 有 {p} 行，而 {ref} 有 {r} 行。</translation>
    </message>
    <message>
        <source>Give one reference line for each prediction line, in the same order.</source>
        <translation>请让每一行预测都对应一行参考答案，顺序一致。</translation>
    </message>
    <message>
        <source>The model “{model}” is not in the library.</source>
        <translation>模型库中没有“{model}”。</translation>
    </message>
    <message>
        <source>Install the starter models (see the README) or get it in the Models tab; the lesson can also run on the model you pick.</source>
        <translation>请安装入门模型（见 README），或在“模型”标签页获取它；课程也可以在你选择的模型上运行。</translation>
    </message>
    <message>
        <source>The input “{name}” cannot be “{value}”.</source>
        <translation>输入“{name}”不能是“{value}”。</translation>
    </message>
    <message>
        <source>A from-scratch training run is still going.</source>
        <translation>一个“从零训练”任务还在运行。</translation>
    </message>
    <message>
        <source>Wait for it to finish (or Cancel it), then press the button again.</source>
        <translation>请等它结束（或点“取消”），然后再按一次这个按钮。</translation>
    </message>
    <message>
        <source>An analogy takes three words (A − B + C), not {n}.</source>
        <translation>类比需要三个词（A − B + C），而不是 {n} 个。</translation>
    </message>
    <message>
        <source>Write it as [king, man, woman].</source>
        <translation>请写成 [king, man, woman] 的形式。</translation>
    </message>
    <message>
        <source>The Word vectors page is still busy.</source>
        <translation>“词向量训练”页还在忙。</translation>
    </message>
    <message>
        <source>Wait for it to finish (or Stop it), then press the button again.</source>
        <translation>等它完成（或点“停止”），再按一次按钮。</translation>
    </message>
    <message>
        <source>The Switch heads off page is still busy.</source>
        <translation>“关掉注意力头”页还在忙。</translation>
    </message>
    <message>
        <source>There is no task “{task}”.</source>
        <translation>没有名为“{task}”的任务。</translation>
    </message>
    <message>
        <source>Tasks: {names}.</source>
        <translation>已有的任务：{names}。</translation>
    </message>
    <message>
        <source>The task “{task}” has no field “{field}”.</source>
        <translation>任务“{task}”没有输入项“{field}”。</translation>
    </message>
    <message>
        <source>Its fields: {names}.</source>
        <translation>它的输入项：{names}。</translation>
    </message>
    <message>
        <source>No view is called “{view}”.</source>
        <translation>没有名为“{view}”的界面。</translation>
    </message>
    <message>
        <source>Known views: {names}.</source>
        <translation>已有的界面：{names}。</translation>
    </message>
    <message>
        <source>The n-gram order must be 1 to {most}, not {order}.</source>
        <translation>n 元语法的阶数必须是 1 到 {most}，而不是 {order}。</translation>
    </message>
    <message>
        <source>Choose --order 1 (unigrams) to 5.</source>
        <translation>请选择 --order 1（一元语法）到 5。</translation>
    </message>
    <message>
        <source>Unknown smoothing &apos;{name}&apos;.</source>
        <translation>未知的平滑方法“{name}”。</translation>
    </message>
    <message>
        <source>Use kneser-ney or add-k.</source>
        <translation>请使用 kneser-ney 或 add-k。</translation>
    </message>
    <message>
        <source>add-k smoothing needs k above 0, not {k}: with k = 0 every n-gram the text lacks has probability 0 and the perplexity is infinite.</source>
        <translation>add-k 平滑需要 k 大于 0，而不是 {k}：k = 0 时文本中没有的 n 元组概率为 0，困惑度为无穷大。</translation>
    </message>
    <message>
        <source>Use --k 1 (Laplace) or a smaller positive value such as 0.5.</source>
        <translation>请使用 --k 1（拉普拉斯平滑）或更小的正数，例如 0.5。</translation>
    </message>
    <message>
        <source>The Kneser-Ney discount must be between 0 and 1, not {d}.</source>
        <translation>Kneser-Ney 折扣必须在 0 和 1 之间，而不是 {d}。</translation>
    </message>
    <message>
        <source>Leave it out (estimated from the counts), or give e.g. 0.75.</source>
        <translation>不指定它（按计数估计），或给出例如 0.75。</translation>
    </message>
    <message>
        <source>There is no text to count n-grams in.</source>
        <translation>没有可以统计 n 元组的文本。</translation>
    </message>
    <message>
        <source>Give a text with some words in it.</source>
        <translation>请提供包含一些词的文本。</translation>
    </message>
    <message>
        <source>An order-{order} model reads only the last {n} tokens of the context.</source>
        <translation>{order} 阶模型只读取上下文的最后 {n} 个词元。</translation>
    </message>
    <message>
        <source>This context never occurs in the text: without smoothing every continuation has probability 0/0; the smoothed model backs off to shorter contexts.</source>
        <translation>这个上下文从未在文本中出现：不平滑时每个后续的概率都是 0/0；平滑后的模型回退到更短的上下文。</translation>
    </message>
    <message>
        <source>Choose an n-gram model.</source>
        <translation>请选择一个 n 元语法模型。</translation>
    </message>
    <message>
        <source>{name} is not an n-gram model.</source>
        <translation>{name} 不是 n 元语法模型。</translation>
    </message>
    <message>
        <source>Choose a model trained with the n-gram architecture.</source>
        <translation>请选择一个用 n-gram 架构训练的模型。</translation>
    </message>
    <message>
        <source>Counting n-grams</source>
        <translation>正在统计 n 元组</translation>
    </message>
    <message>
        <source>Counted {n} n-grams of orders 1 to {order} in {seconds:.1f} s.</source>
        <translation>在 {seconds:.1f} 秒内统计了 1 到 {order} 阶共 {n} 个 n 元组。</translation>
    </message>
    <message>
        <source>give the API key once: --api-key or --api-key-stdin</source>
        <translation>API 密钥只需给一次：--api-key 或 --api-key-stdin</translation>
    </message>
    <message>
        <source>{name} runs on the server {url}: its weights are not on this computer, so {view} cannot work with it.</source>
        <translation>{name} 运行在服务器 {url} 上：它的权重不在这台计算机上，因此{view}无法使用它。</translation>
    </message>
    <message>
        <source>Pick a local model for this view (Generate and Chat work with remote models).</source>
        <translation>请为此视图选择本地模型（“生成”和“对话”可使用远程模型）。</translation>
    </message>
    <message>
        <source>The server returns the top {k} log-probabilities of each step only: the probability after the sampling filters and the uncertainty over the whole vocabulary are not known, so they are not shown.</source>
        <translation>服务器只返回每一步的前 {k} 个对数概率：采样过滤后的概率以及整个词表上的不确定度都未知，因此不予显示。</translation>
    </message>
    <message>
        <source>&apos;{url}&apos; is not a server address.</source>
        <translation>“{url}”不是服务器地址。</translation>
    </message>
    <message>
        <source>Give the server&apos;s base URL, e.g. http://localhost:8000 (vLLM) or http://localhost:11434 (Ollama).</source>
        <translation>请给出服务器的基础 URL，例如 http://localhost:8000（vLLM）或 http://localhost:11434（Ollama）。</translation>
    </message>
    <message>
        <source>No server {url} was added.</source>
        <translation>没有添加过服务器 {url}。</translation>
    </message>
    <message>
        <source>See the list: workbench servers list.</source>
        <translation>查看列表：workbench servers list。</translation>
    </message>
    <message>
        <source>The server {url} did not answer within {seconds:g} s.</source>
        <translation>服务器 {url} 在 {seconds:g} 秒内没有响应。</translation>
    </message>
    <message>
        <source>It may be busy or still loading the model: try again in a moment, or check the server&apos;s log.</source>
        <translation>它可能正忙或仍在加载模型：稍后再试，或查看服务器日志。</translation>
    </message>
    <message>
        <source>The server {url} cannot be reached ({error}).</source>
        <translation>无法连接服务器 {url}（{error}）。</translation>
    </message>
    <message>
        <source>Check that the server is running and the address is right (vLLM listens on http://HOST:8000, Ollama on http://HOST:11434).</source>
        <translation>请检查服务器是否在运行、地址是否正确（vLLM 监听 http://HOST:8000，Ollama 监听 http://HOST:11434）。</translation>
    </message>
    <message>
        <source>The connection to the server {url} broke ({error}).</source>
        <translation>与服务器 {url} 的连接中断（{error}）。</translation>
    </message>
    <message>
        <source>The server may have stopped or restarted: check it and try again.</source>
        <translation>服务器可能已停止或重启：请检查后重试。</translation>
    </message>
    <message>
        <source>The server {url} refused the request: its API key is missing or wrong (HTTP {status}).</source>
        <translation>服务器 {url} 拒绝了请求：API 密钥缺失或错误（HTTP {status}）。</translation>
    </message>
    <message>
        <source>Set the server&apos;s API key again (Models tab, Add a server…, or: workbench servers add URL --api-key-stdin).</source>
        <translation>请重新设置服务器的 API 密钥（“模型”标签页的“添加服务器…”，或：workbench servers add URL --api-key-stdin）。</translation>
    </message>
    <message>
        <source>The server {url} has no model &apos;{model}&apos; or no such endpoint (HTTP 404).</source>
        <translation>服务器 {url} 没有模型“{model}”或没有该接口（HTTP 404）。</translation>
    </message>
    <message>
        <source>Pick one of the models the server lists (workbench servers list --models), and check that the address is the server&apos;s base URL.</source>
        <translation>请选择服务器列出的模型之一（workbench servers list --models），并确认地址是服务器的基础 URL。</translation>
    </message>
    <message>
        <source> (it asks to wait {seconds} s)</source>
        <translation>（它要求等待 {seconds} 秒）</translation>
    </message>
    <message>
        <source>The server {url} is refusing requests for now: too many requests (HTTP 429){wait}.</source>
        <translation>服务器 {url} 暂时拒绝请求：请求过多（HTTP 429）{wait}。</translation>
    </message>
    <message>
        <source>Wait a little and try again, or ask the server&apos;s owner for a higher limit.</source>
        <translation>稍等片刻再试，或请服务器管理员提高限额。</translation>
    </message>
    <message>
        <source>The server {url} failed with HTTP {status}: {detail}</source>
        <translation>服务器 {url} 出错，HTTP {status}：{detail}</translation>
    </message>
    <message>
        <source>Look at the server&apos;s log; if it ran out of memory, try a shorter prompt or fewer tokens.</source>
        <translation>请查看服务器日志；如果内存不足，请缩短提示或减少词元数。</translation>
    </message>
    <message>
        <source>The server {url} answered /v1/models with something that is not a model list.</source>
        <translation>服务器 {url} 对 /v1/models 的回复不是模型列表。</translation>
    </message>
    <message>
        <source>Check that the address is an OpenAI-compatible server&apos;s base URL.</source>
        <translation>请确认地址是 OpenAI 兼容服务器的基础 URL。</translation>
    </message>
    <message>
        <source>&apos;{ref}&apos; is not a remote model.</source>
        <translation>“{ref}”不是远程模型。</translation>
    </message>
    <message>
        <source>Name it as MODEL @ URL.</source>
        <translation>请写成 模型 @ URL 的形式。</translation>
    </message>
    <message>
        <source>No model name was given for the server {url}.</source>
        <translation>没有给出服务器 {url} 上的模型名。</translation>
    </message>
    <message>
        <source>Pick one of the models the server lists (workbench servers list --models).</source>
        <translation>请选择服务器列出的模型之一（workbench servers list --models）。</translation>
    </message>
    <message>
        <source>The remote engine does not do beam search; it decoded one sequence.</source>
        <translation>远程引擎不做束搜索；它只解码了一个序列。</translation>
    </message>
    <message>
        <source>The OpenAI API has no &apos;no repeat n-gram size&apos; or &apos;typical p&apos;; the server ignored them.</source>
        <translation>OpenAI API 没有“禁止重复 n 元组长度”或“典型 p”；服务器忽略了它们。</translation>
    </message>
    <message>
        <source>The server {url} ended the stream before the answer was complete.</source>
        <translation>服务器 {url} 在回答完成前结束了数据流。</translation>
    </message>
    <message>
        <source>The server {url} reported an error while generating: {error}</source>
        <translation>服务器 {url} 在生成时报告错误：{error}</translation>
    </message>
    <message>
        <source>Look at the server&apos;s log; try a shorter prompt or fewer tokens.</source>
        <translation>请查看服务器日志；尝试缩短提示或减少词元数。</translation>
    </message>
    <message>
        <source>The server {url} sent a stream that is not in the OpenAI format: {line}</source>
        <translation>服务器 {url} 发送的数据流不是 OpenAI 格式：{line}</translation>
    </message>
    <message>
        <source>Check that the address is an OpenAI-compatible server&apos;s base URL (…/v1 is added by the workbench).</source>
        <translation>请确认地址是 OpenAI 兼容服务器的基础 URL（工作台会自动加上 …/v1）。</translation>
    </message>
    <message>
        <source>Served by an OpenAI-compatible server: Generate and Chat only</source>
        <translation>由 OpenAI 兼容服务器提供：仅可用于“生成”和“对话”</translation>
    </message>
    <message>
        <source>Give some text to score.</source>
        <translation>请给出要打分的文本。</translation>
    </message>
    <message>
        <source>The server {url} does not return the log-probabilities of a prompt&apos;s tokens (vLLM&apos;s prompt_logprobs, or echo with logprobs), so it cannot score a text.</source>
        <translation>服务器 {url} 不返回提示中各词元的对数概率（vLLM 的 prompt_logprobs，或带 logprobs 的 echo），因此无法为文本打分。</translation>
    </message>
    <message>
        <source>Score the text with a local copy of the model in the Perplexity view, or serve it with vLLM.</source>
        <translation>请在“困惑度”视图中用模型的本地副本打分，或用 vLLM 提供该模型。</translation>
    </message>
    <message>
        <source>The server {url} echoes log-probabilities that belong to the wrong tokens (each token is given the probability the model assigns after reading it; llama-cpp-python&apos;s server does this), so its perplexity would be wrong.</source>
        <translation>服务器 {url} 回显的对数概率对应到了错误的词元（每个词元得到的是模型读完它之后的概率；llama-cpp-python 的服务器就是这样），因此算出的困惑度会是错的。</translation>
    </message>
    <message>
        <source>Score the text with a local copy of the model in the Perplexity view, or serve it with vLLM, whose prompt_logprobs are right.</source>
        <translation>请在“困惑度”视图中用模型的本地副本打分，或用 vLLM 提供该模型，它的 prompt_logprobs 是正确的。</translation>
    </message>
    <message>
        <source>The server {url} returned no log-probabilities for the text.</source>
        <translation>服务器 {url} 没有返回该文本的对数概率。</translation>
    </message>
    <message>
        <source>Try a longer text.</source>
        <translation>请试试更长的文本。</translation>
    </message>
    <message>
        <source>&apos;{kind}&apos; is not a GGUF type the exporter writes.</source>
        <translation>“{kind}”不是导出器能写出的 GGUF 类型。</translation>
    </message>
    <message>
        <source>Choose one of: {types}.</source>
        <translation>请选择以下之一：{types}。</translation>
    </message>
    <message>
        <source>The output file {path} does not end in .gguf.</source>
        <translation>输出文件 {path} 不以 .gguf 结尾。</translation>
    </message>
    <message>
        <source>Name the file FILE.gguf.</source>
        <translation>请把文件命名为 FILE.gguf。</translation>
    </message>
    <message>
        <source>{path} is a folder.</source>
        <translation>{path} 是一个文件夹。</translation>
    </message>
    <message>
        <source>Name a file, e.g. {path}.</source>
        <translation>请给出文件名，例如 {path}。</translation>
    </message>
    <message>
        <source>Quantizing to {kind} needs llama.cpp&apos;s quantizer, and the llama.cpp engine is not installed.</source>
        <translation>量化为 {kind} 需要 llama.cpp 的量化器，但 llama.cpp 引擎未安装。</translation>
    </message>
    <message>
        <source>The folder {folder} cannot be created: {error}.</source>
        <translation>无法创建文件夹 {folder}：{error}。</translation>
    </message>
    <message>
        <source>Choose a folder you can write to.</source>
        <translation>请选择一个你有写入权限的文件夹。</translation>
    </message>
    <message>
        <source>Exported {file}</source>
        <translation>已导出 {file}</translation>
    </message>
    <message>
        <source>Exporting needs {need} MB of disk space in {folder}, but only {free} MB is free.</source>
        <translation>导出需要 {folder} 中有 {need} MB 磁盘空间，但只有 {free} MB 可用。</translation>
    </message>
    <message>
        <source>Free some disk space or choose another folder, and try again.</source>
        <translation>请释放一些磁盘空间或选择其他文件夹，然后重试。</translation>
    </message>
    <message>
        <source>Exporting needs about {need} MB of memory (the model in float32) but only {free} MB is free.</source>
        <translation>导出大约需要 {need} MB 内存（float32 下的模型），但只有 {free} MB 可用。</translation>
    </message>
    <message>
        <source>Close other programs (or unload models in the Models tab) and try again.</source>
        <translation>请关闭其他程序（或在“模型”标签页卸载模型）后重试。</translation>
    </message>
    <message>
        <source>{folder} has no readable config.json.</source>
        <translation>{folder} 中没有可读取的 config.json。</translation>
    </message>
    <message>
        <source>Choose a causal language model from the library.</source>
        <translation>请从模型库中选择一个因果语言模型。</translation>
    </message>
    <message>
        <source>Exporting {name} to GGUF is not supported: its architecture ({arch}) is not one the exporter writes.</source>
        <translation>不支持把 {name} 导出为 GGUF：它的架构（{arch}）不在导出器支持之列。</translation>
    </message>
    <message>
        <source>The exporter writes Llama, Mistral, SmolLM, Qwen2, Qwen3 and GPT-2 models; for others use llama.cpp&apos;s convert_hf_to_gguf.py.</source>
        <translation>导出器支持 Llama、Mistral、SmolLM、Qwen2、Qwen3 和 GPT-2 模型；其他模型请使用 llama.cpp 的 convert_hf_to_gguf.py。</translation>
    </message>
    <message>
        <source>{name} uses &apos;{rope}&apos; rope scaling, which the exporter does not write yet.</source>
        <translation>{name} 使用“{rope}”RoPE 缩放，导出器暂不支持。</translation>
    </message>
    <message>
        <source>Use llama.cpp&apos;s convert_hf_to_gguf.py for this model.</source>
        <translation>请使用 llama.cpp 的 convert_hf_to_gguf.py 转换此模型。</translation>
    </message>
    <message>
        <source>{name} has no tokenizer.json, which the GGUF export reads.</source>
        <translation>{name} 没有 tokenizer.json，而 GGUF 导出需要读取它。</translation>
    </message>
    <message>
        <source>Save the model with a fast tokenizer (tokenizer.json) and export again.</source>
        <translation>请用快速分词器（tokenizer.json）保存模型后再导出。</translation>
    </message>
    <message>
        <source>{name}&apos;s tokenizer is not a byte-level BPE with a pre-tokenizer llama.cpp knows, which is all the exporter writes.</source>
        <translation>{name} 的分词器不是带有 llama.cpp 已知预分词器的字节级 BPE，而导出器只支持这种分词器。</translation>
    </message>
    <message>
        <source>SentencePiece tokenizers (Llama 2, early Mistral) are not exported yet; use llama.cpp&apos;s convert_hf_to_gguf.py for this model.</source>
        <translation>SentencePiece 分词器（Llama 2、早期 Mistral）暂不支持导出；请使用 llama.cpp 的 convert_hf_to_gguf.py 转换此模型。</translation>
    </message>
    <message>
        <source>Reading the weights of {name}</source>
        <translation>正在读取 {name} 的权重</translation>
    </message>
    <message>
        <source>The exporter has no GGUF name for the weight {name}.</source>
        <translation>导出器找不到权重 {name} 对应的 GGUF 名称。</translation>
    </message>
    <message>
        <source>Writing tensor {n} of {total}</source>
        <translation>正在写入第 {n} 个张量，共 {total} 个</translation>
    </message>
    <message>
        <source>The tokenizer of {name} has {n} tokens but the model only {m}.</source>
        <translation>{name} 的分词器有 {n} 个词元，但模型只有 {m} 个。</translation>
    </message>
    <message>
        <source>Resize the model&apos;s embeddings to the tokenizer (or fix the tokenizer) and export again.</source>
        <translation>请把模型的嵌入层调整到与分词器一致（或修正分词器）后再导出。</translation>
    </message>
    <message>
        <source>Quantizing tensor {n} of {total}</source>
        <translation>正在量化第 {n} 个张量，共 {total} 个</translation>
    </message>
    <message>
        <source>llama.cpp&apos;s quantizer stopped ({how}) while making the {kind} file. {cause}</source>
        <translation>llama.cpp 的量化器在生成 {kind} 文件时停止（{how}）。{cause}</translation>
    </message>
    <message>
        <source>Export as F16 instead, or rebuild the llama.cpp engine.</source>
        <translation>请改为导出 F16，或重新编译 llama.cpp 引擎。</translation>
    </message>
    <message>
        <source>Exported from {model} as {kind}</source>
        <translation>由 {model} 导出为 {kind}</translation>
    </message>
    <message>
        <source>A branch from a chosen token needs the token ids, which a remote server does not send.</source>
        <translation>从选定词元分支需要词元 id，而远程服务器不发送它们。</translation>
    </message>
    <message>
        <source>Generate again with other settings or a seed instead; branches work with local models.</source>
        <translation>请换一组设置或随机种子重新生成；分支功能适用于本地模型。</translation>
    </message>
    <message>
        <source>--layer must be 0 to {n}</source>
        <translation>--layer 必须在 0 到 {n} 之间</translation>
    </message>
    <message>
        <source>--token must be 0 to {n}</source>
        <translation>--token 必须在 0 到 {n} 之间</translation>
    </message>
    <message>
        <source>{model} has no LSTM or GRU layers.</source>
        <translation>{model} 没有 LSTM 或 GRU 层。</translation>
    </message>
    <message>
        <source>Choose a recurrent model trained on the From scratch page; Transformers show their attention here instead.</source>
        <translation>请选择在“从零训练”页训练的循环模型；Transformer 在这里显示的是它们的注意力。</translation>
    </message>
    <message>
        <source>{model} has a bidirectional or projected recurrent layer, which this view does not follow.</source>
        <translation>{model} 含有双向或带投影的循环层，此视图不支持。</translation>
    </message>
    <message>
        <source>Choose a one-directional LSTM/GRU.</source>
        <translation>请选择单向的 LSTM/GRU。</translation>
    </message>
    <message>
        <source>Type a text to read.</source>
        <translation>请输入要读取的文本。</translation>
    </message>
    <message>
        <source>Type a longer text.</source>
        <translation>请输入更长的文本。</translation>
    </message>
    <message>
        <source>The text is {n} tokens; this view reads at most {limit}.</source>
        <translation>这段文本有 {n} 个词元；此视图最多读取 {limit} 个。</translation>
    </message>
    <message>
        <source>Shorten the text.</source>
        <translation>请缩短文本。</translation>
    </message>
    <message>
        <source>The recomputed gates do not reproduce the model&apos;s own hidden states (largest difference {error:.2e}).</source>
        <translation>重新计算的门无法复现模型自身的隐藏状态（最大差异 {error:.2e}）。</translation>
    </message>
    <message>
        <source>This recurrent layer computes differently from PyTorch&apos;s LSTM/GRU; the view cannot explain it.</source>
        <translation>这个循环层的计算方式与 PyTorch 的 LSTM/GRU 不同；此视图无法解释它。</translation>
    </message>
    <message>
        <source>the recurrent state view</source>
        <translation>循环状态视图</translation>
    </message>
    <message>
        <source>Reading the text token by token</source>
        <translation>正在逐个词元读取文本</translation>
    </message>
    <message>
        <source>--top must be 1 to 100</source>
        <translation>--top 必须在 1 到 100 之间</translation>
    </message>
    <message>
        <source>--new-tokens must be 0 to 200</source>
        <translation>--new-tokens 必须在 0 到 200 之间</translation>
    </message>
    <message>
        <source>--depth must be 1 or more</source>
        <translation>--depth 必须大于等于 1</translation>
    </message>
    <message>
        <source>Free text</source>
        <translation>自由文本</translation>
    </message>
    <message>
        <source>JSON object</source>
        <translation>JSON 对象</translation>
    </message>
    <message>
        <source>JSON schema</source>
        <translation>JSON 模式</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <source>Choice from a list</source>
        <translation>从列表中选择</translation>
    </message>
    <message>
        <source>Unknown output format {kind!r}.</source>
        <translation>未知的输出格式 {kind!r}。</translation>
    </message>
    <message>
        <source>Use one of: {kinds}.</source>
        <translation>请使用以下之一：{kinds}。</translation>
    </message>
    <message>
        <source>The regular expression is empty.</source>
        <translation>正则表达式是空的。</translation>
    </message>
    <message>
        <source>Type a pattern, e.g. [0-9]{3}-[0-9]{4}.</source>
        <translation>请输入一个模式，例如 [0-9]{3}-[0-9]{4}。</translation>
    </message>
    <message>
        <source>The choice list is empty.</source>
        <translation>选项列表是空的。</translation>
    </message>
    <message>
        <source>Give at least one choice (one per line, or A,B,C on the command line).</source>
        <translation>请至少给出一个选项（每行一个，命令行中用 A,B,C）。</translation>
    </message>
    <message>
        <source>The JSON schema is empty.</source>
        <translation>JSON 模式是空的。</translation>
    </message>
    <message>
        <source>Paste a schema, e.g. {&quot;type&quot;: &quot;object&quot;, &quot;properties&quot;: {&quot;name&quot;: {&quot;type&quot;: &quot;string&quot;}}}.</source>
        <translation>请粘贴一个模式，例如 {&quot;type&quot;: &quot;object&quot;, &quot;properties&quot;: {&quot;name&quot;: {&quot;type&quot;: &quot;string&quot;}}}。</translation>
    </message>
    <message>
        <source>The JSON schema is not valid JSON: {error} (line {line}, column {column}).</source>
        <translation>JSON 模式不是有效的 JSON：{error}（第 {line} 行，第 {column} 列）。</translation>
    </message>
    <message>
        <source>Fix the schema&apos;s JSON at that place.</source>
        <translation>请修正模式中该处的 JSON。</translation>
    </message>
    <message>
        <source>The JSON schema must be a JSON object ({...}).</source>
        <translation>JSON 模式必须是一个 JSON 对象（{...}）。</translation>
    </message>
    <message>
        <source>Write the schema as an object, e.g. {&quot;type&quot;: &quot;object&quot;}.</source>
        <translation>请把模式写成对象，例如 {&quot;type&quot;: &quot;object&quot;}。</translation>
    </message>
    <message>
        <source>The {format} is not valid: {problem}</source>
        <translation>{format}无效：{problem}</translation>
    </message>
    <message>
        <source>Constrained output needs a fast tokenizer; this model&apos;s is not one.</source>
        <translation>约束输出需要快速分词器；这个模型的分词器不是。</translation>
    </message>
    <message>
        <source>Use free text with this model.</source>
        <translation>这个模型请使用自由文本。</translation>
    </message>
    <message>
        <source>The output format&apos;s grammar rejected a token: {error}</source>
        <translation>输出格式的语法拒绝了一个词元：{error}</translation>
    </message>
    <message>
        <source>Try a simpler format.</source>
        <translation>请尝试更简单的格式。</translation>
    </message>
    <message>
        <source>Check the schema: types must be JSON Schema types (object, array, string, number, integer, boolean, null) and every $ref must point inside the schema.</source>
        <translation>请检查模式：类型必须是 JSON 模式的类型（object、array、string、number、integer、boolean、null），每个 $ref 都必须指向模式内部。</translation>
    </message>
    <message>
        <source>Check the pattern&apos;s brackets and escapes; it must match the whole answer.</source>
        <translation>请检查模式中的括号和转义；它必须匹配整个回答。</translation>
    </message>
    <message>
        <source>Check the choices.</source>
        <translation>请检查选项。</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Prompt lookup</source>
        <translation>提示查找</translation>
    </message>
    <message>
        <source>Draft model</source>
        <translation>草稿模型</translation>
    </message>
    <message>
        <source>Unknown speed-up {mode!r}.</source>
        <translation>未知的加速方式 {mode!r}。</translation>
    </message>
    <message>
        <source>Use off, prompt_lookup or draft.</source>
        <translation>请使用 off、prompt_lookup 或 draft。</translation>
    </message>
    <message>
        <source>Tokens proposed at once must be a whole number from 1 to {high}, not {value!r}.</source>
        <translation>一次提议的词元数必须是 1 到 {high} 之间的整数，而不是 {value!r}。</translation>
    </message>
    <message>
        <source>Around 10 suits prompt lookup; 4 to 6 a draft model.</source>
        <translation>提示查找适合 10 个左右；草稿模型适合 4 到 6 个。</translation>
    </message>
    <message>
        <source>No draft model given.</source>
        <translation>没有指定草稿模型。</translation>
    </message>
    <message>
        <source>Name a smaller model with the same tokenizer, e.g. a smaller size of the same family.</source>
        <translation>请指定一个分词器相同的较小模型，例如同一系列中更小的型号。</translation>
    </message>
    <message>
        <source>A draft model runs on the transformers engine only.</source>
        <translation>草稿模型只能在 transformers 引擎上运行。</translation>
    </message>
</context>
</TS>
