package synth

import (
	"fmt"

	"cloudme.dev/calibration/meshio"
)

// Options describe a whole synthetic session the way the synth CLI takes
// them; Build turns them into a Booth and the manifest of its dataset.
type Options struct {
	Frames     int
	FPS        float64
	Cameras    int
	Resolution string
	Portrait   bool
	Motion     string
	Seed       int64
	Height     float64 // metres; 0: from the seed (synthetic) or the mesh's own
	Detail     int     // person triangles; 0: DefaultDetail
	PersonMesh string  // PLY, OBJ or GLB file standing in for the person
	Background bool
	Realism    Realism
}

// Build makes the rig, the subject and the booth.
func (o Options) Build() (*Booth, Manifest, error) {
	m := Manifest{Frames: o.Frames, FPS: o.FPS, Seed: o.Seed}
	r, err := GenerateRig(RigParams{Cameras: o.Cameras, Resolution: o.Resolution, Portrait: o.Portrait, Seed: o.Seed})
	if err != nil {
		return nil, m, err
	}
	var subject Subject
	if o.PersonMesh != "" {
		mesh, err := meshio.ReadFile(o.PersonMesh)
		if err != nil {
			return nil, m, err
		}
		mp, err := NewMeshPerson(mesh, o.Height)
		if err != nil {
			return nil, m, fmt.Errorf("person mesh %s: %w", o.PersonMesh, err)
		}
		subject = mp
		m.Subject = ManifestSubject{Kind: "mesh", Height: mp.Height(), MeshFile: o.PersonMesh}
	} else {
		motion, err := ParseMotion(o.Motion)
		if err != nil {
			return nil, m, err
		}
		p, err := NewPerson(PersonParams{Seed: o.Seed, Height: o.Height, Motion: motion, Detail: o.Detail})
		if err != nil {
			return nil, m, err
		}
		subject = p
		pp := p.Params()
		m.Subject = ManifestSubject{Kind: "synthetic", Seed: pp.Seed, Height: p.Height(), Motion: motion.String(), Detail: pp.Detail}
	}
	if err := o.Realism.check(); err != nil {
		return nil, m, err
	}
	b := &Booth{Rig: r, Subject: subject, Realism: o.Realism, Seed: o.Seed}
	if o.Background {
		b.Background = NewBackground(DefaultWidth, DefaultHeight, o.Seed)
	}
	return b, m, nil
}
