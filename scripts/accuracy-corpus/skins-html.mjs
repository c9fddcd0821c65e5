// Rendered HTML skins: cnblogs (legacy TinyMCE and markdown/hljs), Juejin (Nuxt SSR with the
// markdown again in window.__NUXT__), Medium (one-line body, <br> code), Jekyll minima (Rouge,
// rouge-table line numbers), Hexo NexT (figure.highlight tables), Halo with highlight.js
// line-number tables, WordPress SyntaxHighlighter (rendered tables and raw brush <pre>), and
// Jupyter nbconvert (lab template).
import { ALPHA, b64 } from "./rng.mjs";
import { ESC, cnblogsLine, shLine, spanLine, tokenize } from "./highlight.mjs";
import { chrome, excerpt, inline, plainText } from "./page-bits.mjs";
import { toMarkdown } from "./skins-md.mjs";

const ESC_HEXO = (s) => ESC.quot(s).replace(/'/g, "&#39;");
const lines = (code) => code.split("\n");
const attrEsc = (s) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Flatten notes/tabs into plain blocks for skins without such widgets. */
function flat(blocks, post) {
  const out = [];
  for (const b of blocks) {
    if (b.t === "note") {
      if (b.title) out.push({ t: "p", text: `**${b.title}**` });
      out.push(...flat(b.blocks, post));
    } else if (b.t === "tabs") {
      for (const i of b.items) {
        out.push({ t: "p", text: `**${i.label}**` });
        out.push({ t: "code", lang: i.lang, code: i.code });
      }
    } else out.push(b);
  }
  return out;
}

/** Generic prose renderer; `code(b)` renders code/output blocks. */
function proseHtml(blocks, post, code, esc = ESC.min, o = {}) {
  const out = [];
  let hn = 0;
  for (const b of flat(blocks, post)) {
    if (b.t === "h") out.push(`<h${b.level ?? 2}${o.hid ? ` id="${o.hid(b, hn++)}"` : ""}>${inline(b.text, esc, o)}</h${b.level ?? 2}>`);
    else if (b.t === "p") out.push(`<p${o.pAttr ? o.pAttr() : ""}>${inline(b.text, esc, o)}</p>`);
    else if (b.t === "list") out.push(`<${b.ordered ? "ol" : "ul"}>\n${b.items.map((i) => `<li>${inline(i, esc, o)}</li>`).join("\n")}\n</${b.ordered ? "ol" : "ul"}>`);
    else if (b.t === "table")
      out.push(
        `<table>\n<thead>\n<tr>${b.head.map((h) => `<th>${inline(h, esc, o)}</th>`).join("")}</tr>\n</thead>\n<tbody>\n${b.rows.map((r) => `<tr>${r.map((c) => `<td>${inline(c, esc, o)}</td>`).join("")}</tr>`).join("\n")}\n</tbody>\n</table>`,
      );
    else if (b.t === "code" || b.t === "output") out.push(code(b.t === "output" ? { lang: "text", code: b.text, output: true } : b));
    else if (b.t === "raw") out.push(b.html ?? `<p>${inline(b.text, esc, o)}</p>`);
    else throw new Error(`block ${b.t}`);
  }
  return out.join(o.joiner ?? "\n");
}

// ---------------------------------------------------------------- cnblogs
function cnblogs(post, { L, r }) {
  const c = chrome(L, r);
  const legacy = post.variant !== "markdown";
  const code = (b) => {
    if (legacy) {
      const ls = lines(b.code);
      const w = String(ls.length).length;
      return `<div class="cnblogs_code">\n<pre>${ls.map((l, i) => `<span style="color: #008080;">${String(i + 1).padStart(w, " ")}</span> ${cnblogsLine(l, b.lang)}`).join("\n")}</pre>\n</div>`;
    }
    return `<pre class="highlighter-hljs" highlighted="true"><code class="highlighter-hljs language-${b.lang} hljs">${lines(b.code).map((l) => spanLine(l, b.lang, "hljs", ESC.hljs)).join("\n")}</code></pre>`;
  };
  const ex = attrEsc(excerpt(post));
  const user = post.user;
  return `<!DOCTYPE html>
<html lang="zh-cn">
<head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <meta name="referrer" content="origin-when-cross-origin" />
    <meta name="description" content="${ex}" />
    <meta property="og:description" content="${ex}" />
    <meta http-equiv="Cache-Control" content="no-transform" />
    <meta http-equiv="Cache-Control" content="no-siteapp" />
    <title>${ESC.min(post.title)} - ${user} - 博客园</title>
    <link rel="canonical" href="https://www.cnblogs.com/${user}/p/${post.id}.html" />
    <link rel="shortcut icon" id="favicon" href="//assets.cnblogs.com/favicon.svg?v=2" type="image/svg+xml" />
    <link rel="stylesheet" href="/css/blog-common.min.css?v=${c.aspnetV()}" />
    <link id="MainCss" rel="stylesheet" href="/skins/simplememory/bundle-simplememory.min.css?v=${c.aspnetV()}" />
    <link type="text/css" rel="stylesheet" href="https://www.cnblogs.com/${user}/custom.css?v=${c.aspnetV()}" />
    <script src="https://assets.cnblogs.com/scripts/jquery-3.3.1.min.js"></script>
    <script src="https://cdn.jsdelivr.net/npm/highlight.js@11.9.0/lib/common.min.js" integrity="${c.sri384()}" crossorigin="anonymous"></script>
    <script>
        var currentBlogId = ${r.digits(6)};
        var currentBlogApp = '${user}';
        var isLogined = false;
        var isBlogOwner = false;
        var skinName = 'SimpleMemory';
        var visitorUserId = '';
        var hasCustomScript = true;
        window.cb_enable_mathjax = false;
        window.mathEngine = 0;
        window.codeHighlightEngine = 1;
        window.enableCodeLineNumber = ${legacy};
        window.codeHighlightTheme = 'cnblogs';
        window.darkModeCodeHighlightTheme = 'vs2015';
        window.isDarkCodeHighlightTheme = false;
        window.isDarkModeCodeHighlightThemeDark = true;
        window.isDisableCodeHighlighter = false;
        window.enableCodeThemeTypeFollowSystem = false;
        window.enableMacStyleCodeBlock = false;
    </script>
    <script>
        var currentPostDateAdded = '${post.date} ${String(r.int(8, 23)).padStart(2, "0")}:${String(r.int(0, 59)).padStart(2, "0")}';
    </script>
    <script src="/js/blog-common.min.js?v=${c.aspnetV()}"></script>
    <script async src="https://www.googletagmanager.com/gtag/js?id=${c.ga()}"></script>
</head>
<body class="skin-simplememory has-navbar">
    <a name="top"></a>
    <div id="top_nav" class="navbar forpc">
        <nav id="nav_main" class="navbar-main">
            <ul id="nav_left" class="navbar-list navbar-left">
                <li class="navbar-branding"><a href="https://www.cnblogs.com/" title="开发者的网上家园" role="banner">博客园</a></li>
                <li><a href="https://www.cnblogs.com/">首页</a></li>
                <li><a href="https://q.cnblogs.com/">博问</a></li>
            </ul>
        </nav>
    </div>
<div id="home">
<div id="main">
    <div id="mainContent">
    <div class="forFlow">
<div id="post_detail">
    <div id="topics">
        <div class="post">
            <h1 class="postTitle">
                <a id="cb_post_title_url" class="postTitle2 vertical-middle" href="https://www.cnblogs.com/${user}/p/${post.id}.html" title="发布于 ${post.date}">
                    <span role="heading" aria-level="2">${ESC.min(post.title)}</span>
                </a>
            </h1>
            <div class="clear"></div>
            <div class="postBody">
                <div id="cnblogs_post_body" class="blogpost-body${legacy ? "" : " cnblogs-markdown"}">
${proseHtml(post.blocks, post, code)}
</div>
<div id="MySignature" role="contentinfo">
    作者：${user}<br />出处：https://www.cnblogs.com/${user}/<br />本文版权归作者和博客园共有，欢迎转载，但未经作者同意必须保留此段声明。
</div>
<div class="clear"></div>
<div id="blog_post_info_block" role="contentinfo">
    <div id="blog_post_info"></div>
    <div class="clear"></div>
    <div id="post_next_prev"></div>
</div>
            </div>
            <div class="postDesc">posted @
<span id="post-date" data-last-update-days="0" data-date-updated="${post.date}">${post.date}</span>&nbsp;
<a href="https://www.cnblogs.com/${user}">${user}</a>&nbsp;
阅读(<span id="post_view_count">${r.int(120, 9000)}</span>)&nbsp;
评论(<span id="post_comment_count">${r.int(0, 20)}</span>)&nbsp;
</div>
        </div>
    </div>
</div>
<input type="hidden" name="__RequestVerificationToken" value="${c.aspnetCsrf()}" />
    </div>
    </div>
</div>
</div>
    <script src="/js/post-detail.min.js?v=${c.aspnetV()}"></script>
</body>
</html>
`;
}

// ---------------------------------------------------------------- Juejin
function juejin(post, { L, r }) {
  const c = chrome(L, r);
  let h = 0;
  const code = (b) => `<pre><code class="hljs language-${b.lang === "text" ? "plaintext" : b.lang}" lang="${b.lang}">${lines(b.code).map((l) => spanLine(l, b.lang, "hljs", ESC.hljs)).join("\n")}</code></pre>`;
  const body = proseHtml(post.blocks, post, code, ESC.min, { hid: () => `heading-${h++}`, joiner: "" });
  const ex = attrEsc(excerpt(post, 100));
  const md = toMarkdown(post);
  const nuxtStr = (s) => JSON.stringify(s).replace(/\//g, "\\u002F").replace(/</g, "\\u003C").replace(/>/g, "\\u003E");
  const state =
    `window.__NUXT__=(function(a,b,c,d,e,f){return {layout:"default",data:[{}],fetch:{"data-v-${r.hex(8)}:0":{articleInfo:{article_id:"${post.id}",user_id:"${r.digits(16)}",category_id:"6809637769959178254",` +
    `tag_ids:[${r.digits(19)},${r.digits(19)}],visible_level:a,link_url:"",cover_image:"",is_gfw:a,title:${nuxtStr(post.title)},brief_content:${nuxtStr(plainText(excerpt(post, 100)))},is_english:a,is_original:1,` +
    `user_index:${r.int(1, 9)}.${r.digits(14)},original_type:a,original_author:"",content:"",ctime:"${r.int(1600000000, 1720000000)}",mtime:"${r.int(1600000000, 1720000000)}",rtime:"${r.int(1600000000, 1720000000)}",` +
    `draft_id:"${r.digits(19)}",view_count:${r.int(300, 30000)},collect_count:${r.int(3, 400)},digg_count:${r.int(1, 200)},comment_count:${r.int(0, 40)},hot_index:${r.int(10, 900)},is_hot:a,rank_index:${r.int(0, 9)}.${r.digits(8)},status:2,verify_status:1,audit_status:2,` +
    `mark_content:${nuxtStr(md)},display_count:a,is_markdown:1}}},state:{auth:{},view:{column:{entry:{}}}},serverRendered:true,routePath:"\\u002Fpost\\u002F${post.id}",config:{_app:{basePath:"\\u002F",assetsPath:"\\u002F_nuxt\\u002F",cdnURL:"https:\\u002F\\u002Flf-web-assets.juejin.cn\\u002Fobj\\u002Fjuejin-web\\u002Fxitu_juejin_web\\u002F"}}}}(0,false,true,null,"",1));`;
  return `<!DOCTYPE html>
<html lang="zh" data-n-head="%7B%22lang%22:%7B%22ssr%22:%22zh%22%7D%7D">
<head>
<title>${ESC.min(post.title)} - 掘金</title><meta data-n-head="ssr" charset="utf-8"><meta data-n-head="ssr" name="viewport" content="width=device-width, initial-scale=1, user-scalable=no, viewport-fit=cover"><meta data-n-head="ssr" name="apple-itunes-app" content="app-id=987739104"><meta data-n-head="ssr" data-hid="description" name="description" content="${ex}"><meta data-n-head="ssr" data-hid="keywords" name="keywords" content="${post.tags.join(",")}"><meta data-n-head="ssr" data-hid="og:description" property="og:description" content="${ex}">
<link rel="preload" href="//lf-web-assets.juejin.cn/obj/juejin-web/xitu_juejin_web/${c.webpack()}.js" as="script"><link rel="preload" href="//lf-web-assets.juejin.cn/obj/juejin-web/xitu_juejin_web/app.${c.webpack()}.js" as="script"><link rel="stylesheet" href="//lf-web-assets.juejin.cn/obj/juejin-web/xitu_juejin_web/app.${c.webpack()}.css">
</head>
<body>
<div data-server-rendered="true" id="__nuxt"><div id="__layout"><div id="juejin"><div class="view-container"><main class="container main-container"><div class="view column-view"><div class="main-area article-area"><article itemscope="itemscope" itemtype="http://schema.org/Article" class="article"><h1 class="article-title" data-v-${r.hex(8)}>${ESC.min(post.title)}</h1><div class="article-viewer markdown-body result"><style>.markdown-body{word-break:break-word;line-height:1.75;font-weight:400;font-size:16px;overflow-x:hidden;color:#252933}.markdown-body pre>code{font-size:12px;padding:15px 12px;margin:0;word-break:normal;display:block;overflow-x:auto;color:#333;background:#f8f8f8}</style>${body}</div></article></div></div></main></div></div></div></div>
<script>${state}</script><script src="//lf-web-assets.juejin.cn/obj/juejin-web/xitu_juejin_web/${c.webpack()}.js" defer></script><script src="//lf-web-assets.juejin.cn/obj/juejin-web/xitu_juejin_web/app.${c.webpack()}.js" defer></script>
</body>
</html>
`;
}

// ---------------------------------------------------------------- Medium
function medium(post, { L, r }) {
  const c = chrome(L, r);
  const cls = () => Array.from({ length: r.int(8, 14) }, () => r.str(2, ALPHA.lower)).join(" ");
  const pid = () => r.hex(4);
  const code = (b) =>
    `<pre class="${cls()}"><span id="${pid()}" class="${cls()}" data-code-block-mode="${b.lang === "text" ? 0 : 2}" spellcheck="false"${b.lang !== "text" ? ` data-code-block-lang="${b.lang}"` : ""}>${lines(b.code)
      .map((l) => (b.lang === "text" ? ESC.min(l) : spanLine(l, b.lang, "hljs", ESC.min)))
      .join("<br/>")}</span></pre>`;
  const body = proseHtml(post.blocks, post, code, ESC.min, {
    curly: true,
    joiner: "",
    pAttr: () => ` id="${pid()}" class="pw-post-body-paragraph ${cls()}" data-selectable-paragraph=""`,
    hid: () => pid(),
  });
  const ex = attrEsc(excerpt(post, 140));
  const postId = r.hex(12);
  const algoliaKey = L.decoy("public-content-api-key", r.hex(32), "chrome");
  const branchKey = L.decoy("public-content-api-key", "key_live_" + r.str(32, ALPHA.alnum), "chrome");
  return `<!doctype html><html lang="en"><head><title>${ESC.min(post.title)} | by ${post.author} | Medium</title><meta data-rh="true" charset="utf-8"/><meta data-rh="true" name="viewport" content="width=device-width,minimum-scale=1,initial-scale=1,maximum-scale=1"/><meta data-rh="true" name="theme-color" content="#000000"/><meta data-rh="true" property="og:type" content="article"/><meta data-rh="true" property="og:title" content="${attrEsc(post.title)}"/><meta data-rh="true" property="og:description" content="${ex}"/><meta data-rh="true" name="description" content="${ex}"/><meta data-rh="true" property="al:android:package" content="com.medium.reader"/><meta data-rh="true" property="fb:app_id" content="${L.decoy("app-id", r.digits(15), "chrome")}"/>
<link data-rh="true" rel="icon" href="https://miro.medium.com/v2/resize:fill:256:256/1*${r.str(22, ALPHA.b64url)}.png"/><link data-rh="true" rel="canonical" href="https://medium.com/@${post.user}/${post.slug}-${postId}"/>
<link rel="preload" href="https://cdn-client.medium.com/lite/static/js/main.${c.webpack()}.js" as="script" crossorigin="anonymous"/><link rel="stylesheet" href="https://glyph.medium.com/css/e.css"/>
</head><body><div id="root"><div class="a b c"><div class="l c"><article><div class="l"><div class="l"><section><div><div class="fr fs ft fu fv"><div class="ab ca"><div class="ch bg ew ex ey ez"><div><h1 id="${pid()}" class="pw-post-title ${cls()}" data-testid="storyTitle" data-selectable-paragraph="">${ESC.min(post.title)}</h1></div>${body}</div></div></div></div></section></div></div></article></div></div></div>
<script>window.__BUILD_ID__="main-${r.int(20230101, 20241231)}-${r.digits(6)}-${c.longHash()}"</script><script>window.__GRAPHQL_URI__ = "https://medium.com/_/graphql"</script>
<script>window.__PRELOADED_STATE__ = {"algolia":{"appId":"${L.decoy("app-id", r.str(10, ALPHA.uppernum), "chrome")}","apiKeySearch":"${algoliaKey}","indexPrefix":"medium_","host":"-dsn.algolia.net"},"branch":{"key":"${branchKey}","uriScheme":"medium"},"config":{"nodeEnv":"production","version":"main-${c.webpack()}","target":"production","productName":"Medium","publicUrl":"https://cdn-client.medium.com/lite","authDomain":"medium.com","authGoogleClientId":"${L.decoy("app-id", `${r.digits(12)}-${r.str(32, ALPHA.lowernum)}.apps.googleusercontent.com`, "chrome")}","recaptchaKey":"${L.decoy("public-content-api-key", "6L" + r.str(38, ALPHA.b64url), "chrome")}","sentry":{"dsn":"https://${L.decoy("public-content-api-key", r.hex(32), "chrome")}@o${r.digits(6)}.ingest.sentry.io/${r.digits(7)}","environment":"production"}},"session":{"xsrf":""}}</script>
<script>window.__APOLLO_STATE__ = {"ROOT_QUERY":{"__typename":"Query","viewer":null,"postResult({\\"id\\":\\"${postId}\\"})":{"__ref":"Post:${postId}"}},"Post:${postId}":{"__typename":"Post","id":"${postId}","title":${JSON.stringify(post.title)},"creator":{"__ref":"User:${r.hex(12)}"},"firstPublishedAt":${r.int(1600000000000, 1720000000000)},"mediumUrl":"https://medium.com/@${post.user}/${post.slug}-${postId}","clapCount":${r.int(5, 3000)},"readingTime":${r.int(3, 12)}.${r.digits(6)}}}</script>
<script src="https://cdn-client.medium.com/lite/static/js/manifest.${c.webpack()}.js"></script><script src="https://cdn-client.medium.com/lite/static/js/main.${c.webpack()}.js"></script></body></html>
`;
}

// ---------------------------------------------------------------- Jekyll (minima + Rouge)
function jekyll(post, { L, r }) {
  const c = chrome(L, r);
  const code = (b) => {
    const body = lines(b.code).map((l) => spanLine(l, b.lang, "pygments", ESC.min));
    if (b.linenums || post.variant === "linenos") {
      const n = body.length;
      return `<figure class="highlight"><pre><code class="language-${b.lang}" data-lang="${b.lang}"><table class="rouge-table"><tbody><tr><td class="gutter gl"><pre class="lineno">${Array.from({ length: n }, (_, i) => i + 1).join("\n")}\n</pre></td><td class="code"><pre>${body.join("\n")}\n</pre></td></tr></tbody></table></code></pre></figure>`;
    }
    return `<div class="language-${b.lang} highlighter-rouge"><div class="highlight"><pre class="highlight"><code>${body.join("\n")}\n</code></pre></div></div>`;
  };
  const ex = attrEsc(excerpt(post, 150));
  const url = `https://${post.site}/${post.date.replace(/-/g, "/")}/${post.slug}.html`;
  const ga = c.ga();
  return `<!DOCTYPE html>
<html lang="${post.lang === "zh" ? "zh-CN" : "en"}"><head>
  <meta charset="utf-8">
  <meta http-equiv="X-UA-Compatible" content="IE=edge">
  <meta name="viewport" content="width=device-width, initial-scale=1"><!-- Begin Jekyll SEO tag v2.8.0 -->
<title>${ESC.min(post.title)} | ${post.site}</title>
<meta name="generator" content="Jekyll v4.3.3" />
<meta property="og:title" content="${attrEsc(post.title)}" />
<meta name="author" content="${post.author}" />
<meta property="og:locale" content="${post.lang === "zh" ? "zh_CN" : "en_US"}" />
<meta name="description" content="${ex}" />
<meta property="og:description" content="${ex}" />
<link rel="canonical" href="${url}" />
<meta property="og:url" content="${url}" />
<meta property="og:type" content="article" />
<meta property="article:published_time" content="${post.date}T00:00:00+00:00" />
<meta name="google-site-verification" content="${c.googleVerify()}" />
<script type="application/ld+json">
{"@context":"https://schema.org","@type":"BlogPosting","author":{"@type":"Person","name":"${post.author}"},"dateModified":"${post.date}T00:00:00+00:00","datePublished":"${post.date}T00:00:00+00:00","description":${JSON.stringify(excerpt(post, 150))},"headline":${JSON.stringify(post.title)},"mainEntityOfPage":{"@type":"WebPage","@id":"${url}"},"url":"${url}"}</script>
<!-- End Jekyll SEO tag -->
<link rel="stylesheet" href="/assets/main.css"><link type="application/atom+xml" rel="alternate" href="https://${post.site}/feed.xml" title="${post.site}" /><script async src="https://www.googletagmanager.com/gtag/js?id=${ga}"></script>
<script>
  window['ga-disable-${ga}'] = window.doNotTrack === "1" || navigator.doNotTrack === "1" || navigator.doNotTrack === "yes" || navigator.msDoNotTrack === "1";
  window.dataLayer = window.dataLayer || [];
  function gtag(){window.dataLayer.push(arguments);}
  gtag('js', new Date());
  gtag('config', '${ga}');
</script>
</head>
<body><header class="site-header" role="banner">
  <div class="wrapper"><a class="site-title" rel="author" href="/">${post.site}</a><nav class="site-nav">
        <div class="trigger"><a class="page-link" href="/about/">About</a></div>
      </nav></div>
</header>
<main class="page-content" aria-label="Content">
      <div class="wrapper">
        <article class="post h-entry" itemscope itemtype="http://schema.org/BlogPosting">

  <header class="post-header">
    <h1 class="post-title p-name" itemprop="name headline">${ESC.min(post.title)}</h1>
    <p class="post-meta"><time class="dt-published" datetime="${post.date}T00:00:00+00:00" itemprop="datePublished">${post.date}
      </time></p>
  </header>

  <div class="post-content e-content" itemprop="articleBody">
    ${proseHtml(post.blocks, post, code)}

  </div><div id="disqus_thread"></div>
  <script>
    var disqus_config = function () {
      this.page.url = '${url}';
      this.page.identifier = '${url}';
    };
    (function() {
      var d = document, s = d.createElement('script');
      s.src = 'https://${post.user}-blog.disqus.com/embed.js';
      s.setAttribute('data-timestamp', +new Date());
      (d.head || d.body).appendChild(s);
    })();
  </script>
  <a class="u-url" href="/${post.date.replace(/-/g, "/")}/${post.slug}.html" hidden></a>
</article>

      </div>
    </main><footer class="site-footer h-card">
  <data class="u-url" href="/"></data>
</footer>
</body>
</html>
`;
}

// ---------------------------------------------------------------- Hexo NexT
function hexo(post, { L, r }) {
  const c = chrome(L, r);
  const code = (b) => {
    const ls = lines(b.code);
    return `<figure class="highlight ${b.lang === "text" ? "plaintext" : b.lang}"><table><tr><td class="gutter"><pre>${ls.map((_, i) => `<span class="line">${i + 1}</span><br>`).join("")}</pre></td><td class="code"><pre>${ls.map((l) => `<span class="line">${spanLine(l, b.lang, "hexo", ESC_HEXO)}</span><br>`).join("")}</pre></td></tr></table></figure>`;
  };
  const ex = attrEsc(excerpt(post, 150));
  const host = `${post.user}.github.io`;
  const gitalk = post.gitalk
    ? `\n<script class="next-config" data-name="gitalk" type="application/json">{"enable":true,"github_id":"${post.user}","repo":"${host}","client_id":"${L.decoy("app-id", post.gitalk.id, "chrome")}","client_secret":"${L.secret("github-oauth-client-secret", post.gitalk.secret, "chrome")}","admin_user":"${post.user}","distraction_free_mode":true,"proxy":"https://cors-anywhere.azm.workers.dev/https://github.com/login/oauth/access_token","language":"zh-CN","js":{"url":"https://cdnjs.cloudflare.com/ajax/libs/gitalk/1.8.0/gitalk.min.js","integrity":"${c.sri256()}"},"css":{"url":"https://cdnjs.cloudflare.com/ajax/libs/gitalk/1.8.0/gitalk.min.css","integrity":"${c.sri256()}"},"path_md5":"${c.md5()}"}</script>\n<script src="/js/third-party/comments/gitalk.js"></script>`
    : "";
  return `<!DOCTYPE html>
<html lang="${post.lang === "zh" ? "zh-CN" : "en"}">
<head>
  <meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=2">
<meta name="theme-color" content="#222">
<meta name="generator" content="Hexo 7.1.1">

  <link rel="apple-touch-icon" sizes="180x180" href="/images/apple-touch-icon-next.png">
  <link rel="icon" type="image/png" sizes="32x32" href="/images/favicon-32x32-next.png">

<link rel="stylesheet" href="/css/main.css">

<link rel="stylesheet" href="https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.5.1/css/all.min.css" integrity="${c.sri256()}" crossorigin="anonymous">

<script class="next-config" data-name="main" type="application/json">{"hostname":"${host}","root":"/","images":"/images","scheme":"Gemini","darkmode":false,"version":"8.19.1","exturl":false,"sidebar":{"position":"left","display":"post","padding":18,"offset":12},"copycode":{"enable":true,"style":"mac"},"fold":{"enable":false,"height":500},"bookmark":{"enable":false,"color":"#222","save":"auto"},"mediumzoom":false,"lazyload":false,"pangu":false,"comments":{"style":"tabs","active":"gitalk","storage":true,"lazyload":false,"nav":null},"stickytabs":false,"motion":{"enable":true,"async":false,"transition":{"menu_item":"fadeInDown","post_block":"fadeIn","post_header":"fadeInDown","post_body":"fadeInDown","coll_header":"fadeInLeft","sidebar":"fadeInUp"}},"i18n":{"placeholder":"搜索...","empty":"没有找到任何搜索结果：\${query}","hits_time":"找到 \${hits} 个搜索结果（用时 \${time} 毫秒）","hits":"找到 \${hits} 个搜索结果"},"algolia":{"appID":"${L.decoy("app-id", r.str(10, ALPHA.uppernum), "chrome")}","apiKey":"${L.decoy("public-content-api-key", r.hex(32), "chrome")}","indexName":"${post.user}-blog","hits":{"per_page":10}}}</script><script src="/js/config.js"></script>

    <meta name="description" content="${ex}">
<meta property="og:type" content="article">
<meta property="og:title" content="${attrEsc(post.title)}">
<meta property="og:url" content="https://${host}/${post.date.replace(/-/g, "/")}/${post.slug}/index.html">
<meta property="og:site_name" content="${post.user}的博客">
<meta property="og:description" content="${ex}">
<meta property="article:published_time" content="${post.date}T0${r.int(1, 9)}:${r.int(10, 59)}:${r.int(10, 59)}.000Z">
<meta name="baidu-site-verification" content="${c.baiduVerify()}" />
<link rel="canonical" href="https://${host}/${post.date.replace(/-/g, "/")}/${post.slug}/">
<title>${ESC.min(post.title)} | ${post.user}的博客</title>
<script>
var _hmt = _hmt || [];
(function() {
  var hm = document.createElement("script");
  hm.src = "https://hm.baidu.com/hm.js?${c.baiduHm()}";
  var s = document.getElementsByTagName("script")[0];
  s.parentNode.insertBefore(hm, s);
})();
</script>
</head>
<body itemscope itemtype="http://schema.org/WebPage" class="use-motion">
  <div class="headband"></div>
  <main class="main">
    <div class="column">
<div class="main-inner post posts-expand">
  <div class="post-block">
  <article itemscope itemtype="http://schema.org/Article" class="post-content" lang="">
    <header class="post-header">
      <h1 class="post-title" itemprop="name headline">${ESC.min(post.title)}</h1>
      <div class="post-meta-container"><div class="post-meta"><span class="post-meta-item"><time title="创建时间：${post.date}" itemprop="dateCreated datePublished" datetime="${post.date}T10:00:00+08:00">${post.date}</time></span></div></div>
    </header>
    <div class="post-body" itemprop="articleBody">${proseHtml(post.blocks, post, code, ESC_HEXO)}
    </div>
    <footer class="post-footer">
        <div class="post-tags">${post.tags.map((t) => `<a href="/tags/${encodeURIComponent(t)}/" rel="tag"># ${t}</a>`).join("\n              ")}</div>
    </footer>
  </article>
</div>
  <div class="comments gitalk-container"></div>
</div>
    </div>
  </main>
<script src="https://cdnjs.cloudflare.com/ajax/libs/animejs/3.2.1/anime.min.js" integrity="${c.sri256()}" crossorigin="anonymous"></script>
<script src="/js/comments.js"></script><script src="/js/utils.js"></script><script src="/js/next-boot.js"></script>${gitalk}
</body>
</html>
`;
}

// ---------------------------------------------------------------- Halo + highlight.js line numbers
function halo(post, { L, r }) {
  const c = chrome(L, r);
  const code = (b) => {
    const rows = lines(b.code)
      .map((l, i) => `<tr><td class="hljs-ln-line hljs-ln-numbers" data-line-number="${i + 1}"><div class="hljs-ln-n" data-line-number="${i + 1}"></div></td><td class="hljs-ln-line hljs-ln-code" data-line-number="${i + 1}">${spanLine(l, b.lang, "hljs", ESC.hljs)}</td></tr>`)
      .join("");
    return `<pre><code class="language-${b.lang} hljs"><table class="hljs-ln"><tbody>${rows}</tbody></table></code></pre>`;
  };
  const ex = attrEsc(excerpt(post, 120));
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${ESC.min(post.title)} - ${post.site}</title>
<meta name="description" content="${ex}" />
<meta name="keywords" content="${post.tags.join(",")}" />
<meta name="generator" content="Halo 2.17.2" />
<link rel="stylesheet" href="/themes/theme-earth/assets/dist/style.css?v=1.11.${r.int(0, 9)}" />
<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/highlight.js@11.9.0/styles/github.min.css" />
<script src="/themes/theme-earth/assets/dist/main.iife.js?v=1.11.${r.int(0, 9)}" defer></script>
<script defer src="https://umami.${post.site}/script.js" data-website-id="${c.umami()}"></script>
<script>
var _hmt = _hmt || [];
(function() {
  var hm = document.createElement("script");
  hm.src = "https://hm.baidu.com/hm.js?${c.baiduHm()}";
  var s = document.getElementsByTagName("script")[0];
  s.parentNode.insertBefore(hm, s);
})();
</script>
</head>
<body class="bg-gray-100">
<div id="app">
<header class="sticky top-0 z-10"><nav class="mx-auto max-w-6xl"><a href="/">${post.site}</a></nav></header>
<main class="mx-auto max-w-6xl">
<article class="rounded-lg bg-white p-4">
<h1 class="text-2xl font-medium">${ESC.min(post.title)}</h1>
<div class="text-sm text-gray-500"><span>${post.user}</span> · <time>${post.date}</time></div>
<div id="content" class="markdown-body">
${proseHtml(post.blocks, post, code)}
</div>
</article>
</main>
<footer><span>Powered by Halo</span> · <a href="https://beian.miit.gov.cn/">京ICP备${r.digits(8)}号-1</a></footer>
</div>
<script src="https://cdn.jsdelivr.net/npm/highlightjs-line-numbers.js@2.8.0/dist/highlightjs-line-numbers.min.js" integrity="${c.sri384()}" crossorigin="anonymous"></script>
</body>
</html>
`;
}

// ---------------------------------------------------------------- WordPress + SyntaxHighlighter
function wordpress(post, { L, r }) {
  const c = chrome(L, r);
  const rendered = post.variant !== "brush";
  const code = (b) => {
    const brush = { shell: "bash", sh: "bash", dotenv: "plain", env: "plain", text: "plain", yaml: "yaml", yml: "yaml", json: "jscript", js: "jscript", ts: "jscript", properties: "plain", ini: "plain", toml: "plain", go: "plain" }[b.lang] ?? b.lang;
    if (!rendered) return `<pre class="brush: ${brush}; title: ; notranslate" title="">${ESC.min(b.code)}</pre>`;
    const ls = lines(b.code);
    const row = (i) => `number${i + 1} index${i} alt${i % 2 ? 1 : 2}`;
    return `<div><div id="highlighter_${r.digits(6)}" class="syntaxhighlighter  ${brush}"><div class="toolbar"><span><a href="#" class="toolbar_item command_help help">?</a></span></div><table border="0" cellpadding="0" cellspacing="0"><tbody><tr><td class="gutter">${ls.map((_, i) => `<div class="line ${row(i)}">${i + 1}</div>`).join("")}</td><td class="code"><div class="container">${ls.map((l, i) => `<div class="line ${row(i)}">${shLine(l, brush)}</div>`).join("")}</div></td></tr></tbody></table></div></div>`;
  };
  const ex = attrEsc(excerpt(post, 150));
  const site = post.site;
  return `<!DOCTYPE html>
<html lang="${post.lang === "zh" ? "zh-CN" : "en-US"}">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="profile" href="https://gmpg.org/xfn/11">
<title>${ESC.min(post.title)} &#8211; ${site}</title>
<meta name='robots' content='max-image-preview:large' />
<meta name="description" content="${ex}" />
<link rel='dns-prefetch' href='//stats.wp.com' />
<link rel="alternate" type="application/rss+xml" title="${site} &raquo; Feed" href="https://${site}/feed/" />
<script>
window._wpemojiSettings = {"baseUrl":"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/15.0.3\\/72x72\\/","ext":".png","svgUrl":"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/15.0.3\\/svg\\/","svgExt":".svg","source":{"concatemoji":"https:\\/\\/${site}\\/wp-includes\\/js\\/wp-emoji-release.min.js?ver=6.5.3"}};
/*! This file is auto-generated */
${L.decoy("minified-js", '!function(i,n){var o,s,e;function c(e){try{var t={supportTests:e,timestamp:(new Date).valueOf()};sessionStorage.setItem(o,JSON.stringify(t))}catch(e){}}function p(e,t,n){e.clearRect(0,0,e.canvas.width,e.canvas.height),e.fillText(t,0,0);var t=new Uint32Array(e.getImageData(0,0,e.canvas.width,e.canvas.height).data),r=(e.clearRect(0,0,e.canvas.width,e.canvas.height),e.fillText(n,0,0),new Uint32Array(e.getImageData(0,0,e.canvas.width,e.canvas.height).data));return t.every(function(e,t){return e===r[t]})}}((window,document),window._wpemojiSettings);', "chrome")}
</script>
<link rel='stylesheet' id='wp-block-library-css' href='https://${site}/wp-includes/css/dist/block-library/style.min.css?ver=6.5.3' media='all' />
<link rel='stylesheet' id='syntaxhighlighter-core-css' href='https://${site}/wp-content/plugins/syntaxhighlighter/syntaxhighlighter3/styles/shCore.css?ver=3.0.9b' media='all' />
<link rel='stylesheet' id='syntaxhighlighter-theme-default-css' href='https://${site}/wp-content/plugins/syntaxhighlighter/syntaxhighlighter3/styles/shThemeDefault.css?ver=3.0.9b' media='all' />
<script src="https://${site}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
<script id="wp-api-fetch-js-after">
wp.apiFetch.use( wp.apiFetch.createRootURLMiddleware( "https://${site}/wp-json/" ) );
wp.apiFetch.nonceMiddleware = wp.apiFetch.createNonceMiddleware( "${c.wpNonce()}" );
wp.apiFetch.use( wp.apiFetch.nonceMiddleware );
</script>
<link rel="https://api.w.org/" href="https://${site}/wp-json/" /><link rel="EditURI" type="application/rsd+xml" title="RSD" href="https://${site}/xmlrpc.php?rsd" />
<meta name="generator" content="WordPress 6.5.3" />
<link rel="canonical" href="https://${site}/${post.date.slice(0, 7).replace("-", "/")}/${post.slug}/" />
</head>
<body class="post-template-default single single-post postid-${r.int(100, 9000)} single-format-standard">
<div id="page" class="site">
<header id="masthead" class="site-header"><p class="site-title"><a href="https://${site}/" rel="home">${site}</a></p></header>
<div id="content" class="site-content">
<main id="main" class="site-main">
<article id="post-${r.int(100, 9000)}" class="post type-post status-publish format-standard hentry">
<header class="entry-header"><h1 class="entry-title">${ESC.min(post.title)}</h1>
<div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="${post.date}T09:12:44+08:00">${post.date}</time></span><span class="byline"> by <span class="author vcard">${post.author}</span></span></div></header>
<div class="entry-content">
${proseHtml(post.blocks, post, code)}
</div>
</article>
<div id="comments" class="comments-area">
<div id="respond" class="comment-respond">
<form action="https://${site}/wp-comments-post.php" method="post" id="commentform" class="comment-form">
<p class="comment-form-comment"><label for="comment">Comment</label> <textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" required></textarea></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment" /> <input type='hidden' name='comment_post_ID' value='${r.int(100, 9000)}' id='comment_post_ID' />
<input type='hidden' name='comment_parent' id='comment_parent' value='0' />
</p><p style="display: none;"><input type="hidden" id="akismet_comment_nonce" name="akismet_comment_nonce" value="${c.wpNonce()}" /></p><input type="hidden" id="ak_js_1" name="ak_js" value="${r.int(10, 250)}"/></form>
</div>
</div>
</main>
</div>
</div>
<script src="https://${site}/wp-content/plugins/syntaxhighlighter/syntaxhighlighter3/scripts/shCore.js?ver=3.0.9b" id="syntaxhighlighter-core-js"></script>
<script src='https://stats.wp.com/e-202${r.int(3, 5)}${r.int(10, 52)}.js' id='jetpack-stats-js' defer></script>
<script id="jetpack-stats-js-after">
_stq = window._stq || [];
_stq.push([ "view", JSON.parse("{\\"v\\":\\"ext\\",\\"blog\\":\\"${r.digits(9)}\\",\\"post\\":\\"${r.int(100, 9000)}\\",\\"tz\\":\\"8\\",\\"srv\\":\\"${site}\\",\\"j\\":\\"1:13.4\\"}") ]);
</script>
</body>
</html>
`;
}

// ---------------------------------------------------------------- Jupyter nbconvert (lab)
function jupyter(post, { L, r }) {
  const cells = [];
  let md = [];
  const flushMd = () => {
    if (!md.length) return;
    const html = proseHtml(md, post, () => "", ESC.min, { hid: (b) => plainText(b.text).replace(/\s+/g, "-") });
    cells.push(`<div class="jp-Cell jp-MarkdownCell jp-Notebook-cell" id="cell-id-${r.hex(8)}">
<div class="jp-Cell-inputWrapper" tabindex="0">
<div class="jp-Collapser jp-InputCollapser jp-Cell-inputCollapser">
</div>
<div class="jp-InputArea jp-Cell-inputArea"><div class="jp-InputPrompt jp-InputArea-prompt">
</div><div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput" data-mime-type="text/markdown">
${html}
</div>
</div>
</div>
</div>`);
    md = [];
  };
  let n = 1;
  const blocks = flat(post.blocks, post);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.t !== "code") {
      if (b.t === "output") continue;
      md.push(b);
      continue;
    }
    flushMd();
    let src = b.code;
    if (b.lang === "shell" || b.lang === "bash") src = src.split("\n").map((l) => (l && !l.startsWith("#") ? "!" + l : l)).join("\n");
    else if (b.lang !== "python") src = `%%writefile ${b.title ?? (b.lang === "json" ? "config.json" : b.lang === "yaml" ? "config.yaml" : ".env")}\n${src}`;
    const out = blocks[i + 1]?.t === "output" ? blocks[i + 1].text : null;
    const img = b.plot ? `<div class="jp-OutputArea-child">
<div class="jp-OutputPrompt jp-OutputArea-prompt"></div>
<div class="jp-RenderedImage jp-OutputArea-output" tabindex="0">
<img alt="No description has been provided for this image" class="" src="data:image/png;base64,${L.decoy("data-uri-image", "iVBORw0KGgoAAAANSUhEUgAAAjAAAAGdCAYAAAAMm0nCAAAAOXRFWHRTb2Z0d2FyZQBNYXRwbG90bGliIHZlcnNpb24zLjguMiwgaHR0cHM6Ly9tYXRwbG90bGliLm9yZy8g+/7EAAAACXBIWXMAAA9hAAAPYQGoP6dpAAA" + b64(r.bytes(r.int(600, 900))), "code:notebook-plot")}">
</div>
</div>` : "";
    cells.push(`<div class="jp-Cell jp-CodeCell jp-Notebook-cell" id="cell-id-${r.hex(8)}">
<div class="jp-Cell-inputWrapper" tabindex="0">
<div class="jp-Collapser jp-InputCollapser jp-Cell-inputCollapser">
</div>
<div class="jp-InputArea jp-Cell-inputArea">
<div class="jp-InputPrompt jp-InputArea-prompt">In&nbsp;[${n}]:</div>
<div class="jp-CodeMirrorEditor jp-Editor jp-InputArea-editor" data-type="inline">
<div class="cm-editor cm-s-jupyter">
<div class="highlight hl-ipython3"><pre><span></span>${lines(src).map((l) => spanLine(l, "python", "pygments", ESC.quot)).join("\n")}
</pre></div>
</div>
</div>
</div>
</div>${out !== null || img ? `
<div class="jp-Cell-outputWrapper">
<div class="jp-Collapser jp-OutputCollapser jp-Cell-outputCollapser">
</div>
<div class="jp-OutputArea jp-Cell-outputArea">${out !== null ? `
<div class="jp-OutputArea-child">
<div class="jp-OutputPrompt jp-OutputArea-prompt"></div>
<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="application/vnd.jupyter.stdout" tabindex="0">
<pre>${ESC.min(out)}
</pre>
</div>
</div>` : ""}${img}
</div>
</div>` : ""}
</div>`);
    n++;
  }
  flushMd();
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1.0">

<title>${ESC.min(post.slug)}</title><script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js"></script>
<style type="text/css">
    pre { line-height: 125%; }
td.linenos .normal { color: inherit; background-color: transparent; padding-left: 5px; padding-right: 5px; }
span.linenos { color: inherit; background-color: transparent; padding-left: 5px; padding-right: 5px; }
.highlight .hll { background-color: var(--jp-cell-editor-active-background) }
.highlight { background: var(--jp-cell-editor-background); color: var(--jp-mirror-editor-variable-color) }
.highlight .c { color: var(--jp-mirror-editor-comment-color); font-style: italic } /* Comment */
.highlight .k { color: var(--jp-mirror-editor-keyword-color); font-weight: bold } /* Keyword */
.highlight .s { color: var(--jp-mirror-editor-string-color) } /* Literal.String */
</style>
<style type="text/css">
.jp-Notebook { padding: var(--jp-notebook-padding); outline: none; overflow: auto; background: var(--jp-layout-color0); }
</style>
<!-- Load mathjax -->
    <script src="https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.7/MathJax.js?config=TeX-AMS_CHTML-full,Safe"> </script>
</head>
<body class="jp-Notebook" data-jp-theme-light="true" data-jp-theme-name="JupyterLab Light">
<main>
${cells.join("\n")}
</main>
</body>
</html>
`;
}

export const htmlSkins = {
  cnblogs: { ext: "html", format: "html", render: cnblogs },
  juejin: { ext: "html", format: "html", render: juejin },
  medium: { ext: "html", format: "html", render: medium },
  jekyll: { ext: "html", format: "html", render: jekyll },
  hexo: { ext: "html", format: "html", render: hexo },
  halo: { ext: "html", format: "html", render: halo },
  wordpress: { ext: "html", format: "html", render: wordpress },
  jupyter: { ext: "html", format: "html", render: jupyter },
};
export { tokenize };
