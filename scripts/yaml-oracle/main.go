// yaml-oracle reads a JSON array of YAML texts on stdin and answers, for each, how Kubernetes'
// own YAML library (sigs.k8s.io/yaml, what kubectl and the API server use) reads it: the JSON it
// becomes, or its error, leniently (YAMLToJSON) and strictly (YAMLToJSONStrict: duplicate keys
// refused, as `kubectl apply --validate=strict` does). Used only by vibe-env's differential test.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"sigs.k8s.io/yaml"
)

type answer struct {
	JSON        json.RawMessage `json:"json,omitempty"`
	Error       string          `json:"error,omitempty"`
	StrictError string          `json:"strictError,omitempty"`
}

func main() {
	input, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "yaml-oracle: cannot read stdin:", err)
		os.Exit(2)
	}
	var texts []string
	if err := json.Unmarshal(input, &texts); err != nil {
		fmt.Fprintln(os.Stderr, "yaml-oracle: stdin is not a JSON array of strings:", err)
		os.Exit(2)
	}
	answers := make([]answer, len(texts))
	for i, text := range texts {
		converted, err := yaml.YAMLToJSON([]byte(text))
		if err != nil {
			answers[i].Error = err.Error()
			continue
		}
		answers[i].JSON = converted
		if _, err := yaml.YAMLToJSONStrict([]byte(text)); err != nil {
			answers[i].StrictError = err.Error()
		}
	}
	output, err := json.Marshal(answers)
	if err != nil {
		fmt.Fprintln(os.Stderr, "yaml-oracle: cannot write the answers:", err)
		os.Exit(2)
	}
	os.Stdout.Write(output)
}
