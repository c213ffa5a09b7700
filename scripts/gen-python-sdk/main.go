// Command gen-python-sdk writes the Python SDK of a Pulumi package schema, offline.
//
// `pulumi package gen-sdk --language python` hands the schema to the pulumi-language-python plugin, which our
// machines cannot get (the Go module proxy refuses its module, and it is not built from source here). That plugin's
// GeneratePackage is a thin wrapper over pkg/v3's Python code generator: this program calls the same generator the
// same way (the CLI binds the schema and hands the plugin the bound package re-marshalled; the plugin binds it
// again and writes every file the generator returns into an emptied folder).
//
//	gen-python-sdk <schema.json> <out dir>
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// The tool name the generated files' headers give, as the language plugin names itself.
const tool = "pulumi-language-python"

// offlineLoader refuses to load other packages: the hapn schema references none, and nothing may be downloaded.
type offlineLoader struct{}

func (offlineLoader) refuse(name string) error {
	return fmt.Errorf("the schema references the package %q: this offline generator loads no other packages", name)
}

func (l offlineLoader) LoadPackage(pkg string, _ *semver.Version) (*schema.Package, error) {
	return nil, l.refuse(pkg)
}

func (l offlineLoader) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, l.refuse(d.Name)
}

func (l offlineLoader) LoadPackageReference(pkg string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, l.refuse(pkg)
}

func (l offlineLoader) LoadPackageReferenceV2(
	_ context.Context, d *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	return nil, l.refuse(d.Name)
}

// bind binds spec as `pulumi package gen-sdk` does (dangling references allowed, error diagnostics fail).
func bind(spec schema.PackageSpec) (*schema.Package, error) {
	pkg, diags, err := schema.BindSpec(spec, offlineLoader{}, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, errors.Join(diags.Errs()...)
	}
	return pkg, nil
}

// bindTwice binds the schema file, then binds the bound package's JSON again: what the CLI and the plugin each do.
func bindTwice(schemaFile string) (*schema.Package, error) {
	raw, err := os.ReadFile(schemaFile)
	if err != nil {
		return nil, err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return nil, fmt.Errorf("%s: %w", schemaFile, err)
	}
	first, err := bind(spec)
	if err != nil {
		return nil, err
	}
	marshalled, err := first.MarshalJSON()
	if err != nil {
		return nil, err
	}
	var again schema.PackageSpec
	if err := json.Unmarshal(marshalled, &again); err != nil {
		return nil, err
	}
	return bind(again)
}

// write replaces outDir with the generated files.
func write(outDir string, files map[string][]byte) error {
	if err := os.RemoveAll(outDir); err != nil {
		return err
	}
	for name, data := range files {
		path := filepath.Join(outDir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func run(schemaFile, outDir string) error {
	pkg, err := bindTwice(schemaFile)
	if err != nil {
		return err
	}
	files, err := python.GeneratePackage(tool, pkg, nil, offlineLoader{})
	if err != nil {
		return err
	}
	return write(outDir, files)
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: gen-python-sdk <schema.json> <out dir>")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintf(os.Stderr, "gen-python-sdk: %v\n", err)
		os.Exit(1)
	}
}
