#include "sim/config/config_node.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace lissim::sim {
namespace {

// Bounds that keep hostile files (deep nesting, alias bombs, recursive aliases) cheap.
constexpr int kMaxDepth = 64;
constexpr std::size_t kMaxFileBytes = 16u << 20;
constexpr std::size_t kMaxNodes = 1u << 20;  // aliases can expand a small file enormously

SourceLocation location_of(const YAML::Mark& mark, const std::string& file) {
  if (mark.is_null() || mark.line < 0) return SourceLocation{file, 0, 0};
  return SourceLocation{file, mark.line + 1, mark.column + 1};
}

std::string child_path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

ConfigNode::ConfigNode(Kind kind, SourceLocation location, std::string path)
    : kind_(kind), location_(std::move(location)), path_(std::move(path)) {}

ConfigNode ConfigNode::scalar_node(std::string value, SourceLocation location, std::string path) {
  ConfigNode node(Kind::Scalar, std::move(location), std::move(path));
  node.scalar_ = std::move(value);
  return node;
}

std::optional<ConfigNode> ConfigNode::load_file(const std::string& file, std::string path_prefix,
                                                Diagnostics& diag) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    diag.error(SourceLocation{file}, "", "cannot open file");
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().size() > kMaxFileBytes) {
    diag.error(SourceLocation{file}, "", "file is larger than 16 MiB; a configuration file must be smaller");
    return std::nullopt;
  }
  return load_string(text.str(), file, std::move(path_prefix), diag);
}

std::optional<ConfigNode> ConfigNode::load_string(const std::string& text, const std::string& file,
                                                  std::string path_prefix, Diagnostics& diag) {
  if (text.find('\0') != std::string::npos) {
    diag.error(SourceLocation{file}, "", "file contains NUL bytes; it is not a YAML text file");
    return std::nullopt;
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    diag.error(location_of(e.mark, file), "", "malformed YAML: " + e.msg);
    return std::nullopt;
  }
  std::size_t budget = kMaxNodes;
  return from_yaml(root, file, path_prefix, 0, budget, diag);
}

std::optional<ConfigNode> ConfigNode::from_yaml(const YAML::Node& node, const std::string& file,
                                                const std::string& path, int depth, std::size_t& budget,
                                                Diagnostics& diag) {
  const SourceLocation where = location_of(node.Mark(), file);
  if (depth > kMaxDepth) {
    diag.error(where, path, "nested deeper than 64 levels (or a recursive alias)");
    return std::nullopt;
  }
  if (budget-- == 0) {
    diag.error(where, path, "more than 2^20 values (aliases expanding without bound?)");
    return std::nullopt;
  }
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return ConfigNode(Kind::Null, where, path);
    case YAML::NodeType::Scalar:
      return scalar_node(node.Scalar(), where, path);
    case YAML::NodeType::Sequence: {
      ConfigNode seq(Kind::Sequence, where, path);
      for (std::size_t i = 0; i < node.size(); ++i) {
        auto child = from_yaml(node[i], file, path + "[" + std::to_string(i) + "]", depth + 1, budget, diag);
        if (!child) return std::nullopt;
        seq.children_.push_back(std::move(*child));
      }
      return seq;
    }
    case YAML::NodeType::Map: {
      ConfigNode map(Kind::Map, where, path);
      for (auto it = node.begin(); it != node.end(); ++it) {
        const SourceLocation key_where = location_of(it->first.Mark(), file);
        if (!it->first.IsScalar()) {
          diag.error(key_where, path, "a map key must be a plain name");
          return std::nullopt;
        }
        const std::string key = it->first.Scalar();
        const std::string cpath = child_path(path, key);
        if (std::find(map.keys_.begin(), map.keys_.end(), key) != map.keys_.end()) {
          diag.error(key_where, cpath, "duplicate key (each key may appear once in a map)");
          continue;
        }
        auto child = from_yaml(it->second, file, cpath, depth + 1, budget, diag);
        if (!child) return std::nullopt;
        // A key with no value has no mark of its own: point at the key.
        if (child->location_.line == 0) child->location_ = key_where;
        map.keys_.push_back(key);
        map.key_locations_.push_back(key_where);
        map.children_.push_back(std::move(*child));
      }
      return map;
    }
  }
  return std::nullopt;
}

std::string ConfigNode::kind_name() const {
  switch (kind_) {
    case Kind::Null: return "empty";
    case Kind::Scalar: return "a scalar";
    case Kind::Map: return "a map";
    case Kind::Sequence: return "a list";
  }
  return "?";
}

const ConfigNode* ConfigNode::get(std::string_view key) const {
  if (kind_ != Kind::Map) return nullptr;
  asked_.insert(std::string(key));
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] == key) {
      children_[i].mark_used();
      return &children_[i];
    }
  }
  return nullptr;
}

bool ConfigNode::has(std::string_view key) const {
  return std::find(keys_.begin(), keys_.end(), key) != keys_.end();
}

std::vector<std::string> ConfigNode::keys() const { return keys_; }

ConfigNode& ConfigNode::set(const std::string& key, ConfigNode child) {
  if (kind_ != Kind::Map) {
    *this = ConfigNode(Kind::Map, location_, path_);
  }
  child.set_path_prefix(child_path(path_, key));
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] == key) {
      children_[i] = std::move(child);
      return children_[i];
    }
  }
  keys_.push_back(key);
  key_locations_.push_back(child.location_);
  children_.push_back(std::move(child));
  return children_.back();
}

const ConfigNode& ConfigNode::at(std::size_t index) const {
  children_.at(index).mark_used();
  return children_[index];
}

void ConfigNode::push_back(ConfigNode child) {
  child.set_path_prefix(path_ + "[" + std::to_string(children_.size()) + "]");
  children_.push_back(std::move(child));
}

void ConfigNode::merge(const ConfigNode& overlay) {
  // A map that describes one value (a distribution, a correlation) replaces what it overrides.
  const bool one_value = overlay.has("dist") || overlay.has("matrix") || overlay.has("equicorrelation");
  if (kind_ == Kind::Map && overlay.kind_ == Kind::Map && !one_value) {
    for (std::size_t i = 0; i < overlay.keys_.size(); ++i) {
      bool merged = false;
      for (std::size_t j = 0; j < keys_.size(); ++j) {
        if (keys_[j] == overlay.keys_[i]) {
          children_[j].merge(overlay.children_[i]);
          merged = true;
          break;
        }
      }
      if (!merged) {
        set(overlay.keys_[i], overlay.children_[i]);
        key_locations_.back() = overlay.key_locations_[i];
      }
    }
    return;
  }
  const std::string path = path_;
  *this = overlay;
  set_path_prefix(path);
}

void ConfigNode::set_path_prefix(const std::string& path) {
  path_ = path;
  for (std::size_t i = 0; i < children_.size(); ++i) {
    const std::string cpath = kind_ == Kind::Map ? child_path(path_, keys_[i])
                                                 : path_ + "[" + std::to_string(i) + "]";
    children_[i].set_path_prefix(cpath);
  }
}

namespace {

// A segment of a --set key path; one in brackets selects a list element.
struct KeyPathSegment {
  std::string name;
  bool element = false;
};

// Splits "a.b[c].d" into segments; false for an unclosed '['.
bool split_key_path(const std::string& key_path, std::vector<KeyPathSegment>& segments) {
  std::string current;
  for (std::size_t i = 0; i < key_path.size(); ++i) {
    const char ch = key_path[i];
    if (ch == '.' || ch == '[') {
      if (!current.empty()) segments.push_back({current, false});
      current.clear();
      if (ch == '[') {
        const auto close = key_path.find(']', i);
        if (close == std::string::npos) return false;
        segments.push_back({key_path.substr(i + 1, close - i - 1), true});
        i = close;
      }
    } else {
      current += ch;
    }
  }
  if (!current.empty()) segments.push_back({current, false});
  return true;
}

}  // namespace

void ConfigNode::set_path(std::string_view assignment, Diagnostics& diag) {
  const SourceLocation where{"command line (--set " + std::string(assignment) + ")"};
  const auto equals = assignment.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    diag.error(where, "", "expected key.path=value");
    return;
  }
  const std::string key_path(assignment.substr(0, equals));
  const std::string value(assignment.substr(equals + 1));

  std::vector<KeyPathSegment> segments;
  if (!split_key_path(key_path, segments)) {
    diag.error(where, key_path, "unclosed '[' in key path");
    return;
  }
  if (segments.empty() || segments.back().element) {
    diag.error(where, key_path, "a key path must end in a key name");
    return;
  }

  ConfigNode* node = this;
  for (std::size_t s = 0; s + 1 < segments.size(); ++s) {
    const KeyPathSegment& seg = segments[s];
    if (seg.element) {
      if (node->kind_ != Kind::Sequence) {
        diag.error(where, key_path, "'" + node->path_ + "' is " + node->kind_name() + ", not a list");
        return;
      }
      ConfigNode* found = nullptr;
      const bool numeric = !seg.name.empty() &&
                           std::all_of(seg.name.begin(), seg.name.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (numeric) {
        // Compared as text first: an index too long for any integer is simply not in the list.
        const std::string& digits = seg.name;
        if (digits.size() <= 18) {
          const auto index = static_cast<std::size_t>(std::stoull(digits));
          if (index < node->children_.size()) found = &node->children_[index];
        }
      } else {
        for (auto& element : node->children_) {
          for (std::size_t k = 0; k < element.keys_.size(); ++k)
            if (element.keys_[k] == "id" && element.children_[k].scalar_ == seg.name) found = &element;
        }
      }
      if (!found) {
        diag.error(where, key_path, "no list element '" + seg.name + "' in '" + node->path_ + "'");
        return;
      }
      node = found;
    } else {
      if (node->kind_ != Kind::Map) {
        if (node->kind_ == Kind::Null) {
          *node = ConfigNode(Kind::Map, where, node->path_);
        } else {
          diag.error(where, key_path, "'" + node->path_ + "' is " + node->kind_name() + ", not a map");
          return;
        }
      }
      ConfigNode* next = nullptr;
      for (std::size_t k = 0; k < node->keys_.size(); ++k)
        if (node->keys_[k] == seg.name) next = &node->children_[k];
      if (!next) next = &node->set(seg.name, ConfigNode(Kind::Map, where, ""));
      node = next;
    }
  }
  if (node->kind_ != Kind::Map) {
    diag.error(where, key_path, "'" + node->path_ + "' is " + node->kind_name() + ", not a map");
    return;
  }
  auto parsed = load_string(value, where.file, "", diag);
  if (!parsed) return;
  if (parsed->is_null() && !value.empty()) parsed = scalar_node(value, where, "");
  node->set(segments.back().name, std::move(*parsed));
}

void ConfigNode::report_unused(Diagnostics& diag) const {
  if (kind_ == Kind::Map) {
    for (std::size_t i = 0; i < keys_.size(); ++i) {
      const ConfigNode& child = children_[i];
      if (!child.used_) {
        std::string message = "unknown key '" + keys_[i] + "'";
        const std::string suggestion = suggest_key(keys_[i], asked_);
        if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
        diag.error(key_locations_[i], child.path_, message);
      } else {
        child.report_unused(diag);
      }
    }
  } else if (kind_ == Kind::Sequence) {
    for (const auto& child : children_)
      if (child.used_) child.report_unused(diag);
  }
}

void ConfigNode::emit(YAML::Emitter& out) const {
  switch (kind_) {
    case Kind::Null: out << YAML::Null; break;
    case Kind::Scalar: out << scalar_; break;
    case Kind::Sequence:
      out << YAML::BeginSeq;
      for (const auto& child : children_) child.emit(out);
      out << YAML::EndSeq;
      break;
    case Kind::Map:
      out << YAML::BeginMap;
      for (std::size_t i = 0; i < keys_.size(); ++i) {
        out << YAML::Key << keys_[i] << YAML::Value;
        children_[i].emit(out);
      }
      out << YAML::EndMap;
      break;
  }
}

std::string ConfigNode::to_yaml() const {
  YAML::Emitter out;
  emit(out);
  return std::string(out.c_str()) + "\n";
}

std::string suggest_key(std::string_view key, const std::set<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, key.size() / 3) + 1;
  for (const auto& candidate : candidates) {
    const std::size_t d = edit_distance(key, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

}  // namespace lissim::sim
